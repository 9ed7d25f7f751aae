// The invitation: when the server says this visitor just turned hot and a rep is online, the
// launcher itself asks, with a dismiss button beside it. Accepting is clicking the launcher.

/** Shows the invitation; returns the function that takes it back. */
export function showInvite(button: HTMLButtonElement, label: Text, repName: string): () => void {
  const usual = label.data;
  label.data = `Questions? ${repName} can call you in under a minute`;
  const dismiss = document.createElement('button');
  dismiss.type = 'button';
  dismiss.className = 'dismiss';
  dismiss.setAttribute('aria-label', 'Dismiss');
  dismiss.textContent = '×';
  const end = () => {
    label.data = usual;
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
