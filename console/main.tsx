// Entry point of the console SPA.
import { render } from 'preact';
import { App } from './App';
import './styles/base.css';
import './styles/forms.css';
import './styles/header.css';
import './styles/queue.css';
import './styles/offers.css';
import './styles/lead.css';
import './styles/nav.css';

const root = document.getElementById('app');
if (root) render(<App />, root);
