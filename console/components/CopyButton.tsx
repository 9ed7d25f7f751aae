// Copies a value (the lead's phone) for reps who dial from a desk phone or another app.
import { useEffect, useState } from 'preact/hooks';

interface Props {
  text: string;
  /** What is copied, for the accessible name: "Copy phone number". */
  label: string;
}

/** How long "Copied" stays before the button reads "Copy" again. */
const DONE_MS = 2000;

async function copy(text: string): Promise<boolean> {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    // Clipboard API refused (insecure origin, no permission): the old selection-based copy.
    const area = document.createElement('textarea');
    area.value = text;
    area.setAttribute('readonly', '');
    area.style.position = 'fixed';
    area.style.opacity = '0';
    document.body.appendChild(area);
    area.select();
    const ok = document.execCommand('copy');
    area.remove();
    return ok;
  }
}

export function CopyButton({ text, label }: Props) {
  const [state, setState] = useState<'idle' | 'copied' | 'failed'>('idle');
  useEffect(() => {
    if (state === 'idle') return;
    const timer = setTimeout(() => setState('idle'), DONE_MS);
    return () => clearTimeout(timer);
  }, [state]);

  return (
    <>
      <button type="button" class="btn btn-small copy" aria-label={label} onClick={() => copy(text).then((ok) => setState(ok ? 'copied' : 'failed'))}>
        <svg viewBox="0 0 24 24" aria-hidden="true">
          <path d="M8 8V5a2 2 0 0 1 2-2h9a2 2 0 0 1 2 2v9a2 2 0 0 1-2 2h-3M5 8h9a2 2 0 0 1 2 2v9a2 2 0 0 1-2 2H5a2 2 0 0 1-2-2v-9a2 2 0 0 1 2-2z" />
        </svg>
        <span aria-hidden="true">{state === 'copied' ? 'Copied' : 'Copy'}</span>
      </button>
      <span class="sr-only" role="status">
        {state === 'copied' ? 'Copied' : state === 'failed' ? 'Could not copy' : ''}
      </span>
    </>
  );
}
