// Entry point of the console SPA.
import { render } from 'preact';
import { LocationProvider } from 'preact-iso/router';
import { App } from './App';
import { CONSOLE_BASE } from './nav/paths';
import { registerServiceWorker } from './sw-register';
import './styles/base.css';
import './styles/forms.css';
import './styles/header.css';
import './styles/queue.css';
import './styles/offers.css';
import './styles/lead.css';
import './styles/nav.css';

const root = document.getElementById('app');
// Only links into the console are handled in the app; others (exports, /demo, the API docs) load as usual.
if (root)
  render(
    <LocationProvider scope={`${CONSOLE_BASE}/`}>
      <App />
    </LocationProvider>,
    root,
  );
registerServiceWorker();
