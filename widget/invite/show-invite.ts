// The invitation: when the server says this visitor just turned hot and a rep is online, the
// launcher itself asks, by the rep's first name, with a dismiss button on its corner. Accepting
// is clicking the launcher. Nothing moves or pops up: the launcher's text changes, and a live
// region says the same for screen readers.
import { fill } from '../fill';
import type { Launcher } from './launcher';

/** Shows the invitation; returns the function that takes it back. */
export function showInvite({ button, label, announce }: Launcher, repName: string, text: string, dismissText: string): () => void {
  const usual = label.data;
  label.data = announce.textContent = fill(text, { rep: repName.trim().split(/\s+/)[0]! });
  const dismiss = document.createElement('button');
  dismiss.type = 'button';
  dismiss.className = 'dismiss';
  dismiss.setAttribute('aria-label', dismissText);
  dismiss.textContent = '×';
  const end = () => {
    label.data = usual;
    announce.textContent = '';
    dismiss.remove();
  };
  dismiss.onclick = () => {
    end();
    button.focus();
  };
  // Right after the launcher, so the stylesheet hides it whenever the launcher is hidden.
  button.after(dismiss);
  return end;
}
