// The invitation: when the server says this visitor just turned hot and a rep is online, the
// launcher itself asks, by the rep's first name, with a dismiss button on its corner. Accepting
// is clicking the launcher. Nothing moves or pops up: the launcher's text changes, and a live
// region says the same for screen readers.
import { addStyles } from '../add-styles';
import type { InviteContext } from '../contract';
import { fill } from '../fill';
import { INVITE_CSS } from './styles';

/** Built-in texts by primary language; the site's own (`ctx.texts`) win over them. */
const TEXTS: Record<string, { invite: string; dismiss: string }> = {
  en: { invite: 'Questions? {rep} can call you in under a minute', dismiss: 'Dismiss' },
  ar: { invite: 'لديك أسئلة؟ بإمكان {rep} الاتصال بك خلال أقل من دقيقة', dismiss: 'إغلاق' },
};

/** Shows the invitation; returns the function that takes it back. */
export function showInvite({ root, nonce, lang, button, label, announce, repName, texts }: InviteContext): () => void {
  const t = { ...(TEXTS[lang.split('-')[0]!.toLowerCase()] || TEXTS.en), ...texts };
  addStyles(root, INVITE_CSS, nonce);
  const usual = label.data;
  label.data = announce.textContent = fill(t.invite!, { rep: repName.trim().split(/\s+/)[0]! });
  const dismiss = document.createElement('button');
  dismiss.type = 'button';
  dismiss.className = 'dismiss';
  dismiss.setAttribute('aria-label', t.dismiss!);
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
