// A value to copy (a one-time link, the embed snippet): read-only field and a copy button.
import { useEffect, useState } from 'preact/hooks';

interface Props {
  id: string;
  label: string;
  value: string;
  multiline?: boolean;
}

/** Long enough to notice, short enough to copy again. */
const COPIED_MS = 2500;

export function CopyField({ id, label, value, multiline }: Props) {
  const [copied, setCopied] = useState<'yes' | 'failed' | null>(null);
  useEffect(() => {
    if (!copied) return;
    const t = setTimeout(() => setCopied(null), COPIED_MS);
    return () => clearTimeout(t);
  }, [copied]);

  const copy = async () => {
    try {
      await navigator.clipboard.writeText(value);
      setCopied('yes');
    } catch {
      // Clipboard access can be refused (insecure origin, permissions): select it for the user.
      (document.getElementById(id) as HTMLInputElement | null)?.select();
      setCopied('failed');
    }
  };

  return (
    <div class="field copy-field">
      <label for={id}>{label}</label>
      <div class="copy-row">
        {multiline ? (
          <textarea id={id} readOnly rows={2} value={value} onFocus={(e) => e.currentTarget.select()} />
        ) : (
          <input id={id} readOnly value={value} onFocus={(e) => e.currentTarget.select()} />
        )}
        <button type="button" class="btn" onClick={copy}>
          Copy
        </button>
      </div>
      <p class="field-hint" role="status">
        {copied === 'yes' ? 'Copied to the clipboard.' : copied === 'failed' ? 'Copy blocked by the browser: the text is selected, press Ctrl+C.' : ''}
      </p>
    </div>
  );
}
