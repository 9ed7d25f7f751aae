// The advanced view: the draft as JSON, editable, applied back to the form.
import { useState } from 'preact/hooks';
import type { SiteRules } from '../types';

interface Props {
  /** The form's rules now (shown when the panel opens). */
  current: () => SiteRules;
  onApply: (rules: SiteRules) => void;
}

function looksLikeRules(v: unknown): v is SiteRules {
  const r = v as Partial<SiteRules> | null;
  return !!r && typeof r === 'object' && Array.isArray(r.questions) && Array.isArray(r.behaviour) && Array.isArray(r.handRaiseEvents);
}

export function JsonEditor({ current, onApply }: Props) {
  const [text, setText] = useState('');
  const [error, setError] = useState('');

  const apply = () => {
    try {
      const parsed: unknown = JSON.parse(text);
      if (!looksLikeRules(parsed)) return setError('This JSON is not a rules object (questions, behaviour and handRaiseEvents lists are needed).');
      setError('');
      onApply(parsed);
    } catch (err) {
      setError(`Not valid JSON: ${(err as Error).message}`);
    }
  };

  return (
    <details class="panel editor-section json-editor" onToggle={(e) => e.currentTarget.open && setText(JSON.stringify(current(), null, 2))}>
      <summary>
        <h2>Advanced: edit as JSON</h2>
      </summary>
      <div class="field">
        <label for="rules-json">Rules JSON</label>
        <textarea
          id="rules-json"
          rows={18}
          spellcheck={false}
          value={text}
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? 'rules-json-error' : undefined}
          onInput={(e) => setText(e.currentTarget.value)}
        />
        {error && (
          <p class="field-error" id="rules-json-error">
            {error}
          </p>
        )}
      </div>
      <button type="button" class="btn" onClick={apply}>
        Apply to the form
      </button>
    </details>
  );
}
