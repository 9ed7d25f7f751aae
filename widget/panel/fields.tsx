// Labelled form controls. Each control is tied to its label, hint and error (aria-describedby)
// so a screen reader reads the message when focus lands on an invalid field.

interface TextFieldProps {
  id: string;
  label: string;
  value: string;
  onValue(value: string): void;
  error?: string;
  hint?: string;
  /** The "(optional)" text, for a field that may stay empty. */
  optional?: string;
  type?: 'text' | 'tel' | 'email';
  autoComplete?: string;
  maxLength: number;
}

export function TextField(p: TextFieldProps) {
  const hintId = p.hint ? `${p.id}-hint` : '';
  const errorId = p.error ? `${p.id}-error` : '';
  return (
    <div class="field">
      <label for={p.id}>
        {p.label}
        {p.optional && <span class="optional"> {p.optional}</span>}
      </label>
      {p.hint && (
        <p id={hintId} class="hint">
          {p.hint}
        </p>
      )}
      <input
        id={p.id}
        type={p.type || 'text'}
        value={p.value}
        onInput={(e) => p.onValue(e.currentTarget.value)}
        required={!p.optional}
        aria-invalid={p.error ? 'true' : undefined}
        aria-describedby={[hintId, errorId].filter(Boolean).join(' ') || undefined}
        autoComplete={p.autoComplete}
        // Phone numbers and emails read left to right in every language.
        dir={p.type && p.type !== 'text' ? 'ltr' : undefined}
        maxLength={p.maxLength}
      />
      {p.error && (
        <p id={errorId} class="error">
          {p.error}
        </p>
      )}
    </div>
  );
}

interface ChoiceFieldProps {
  id: string;
  label: string;
  options: Array<{ value: string; label: string }>;
  value: string;
  onValue(value: string): void;
  error?: string;
}

export function ChoiceField(p: ChoiceFieldProps) {
  const errorId = `${p.id}-error`;
  return (
    <fieldset class="field" role="radiogroup" aria-required="true" aria-invalid={p.error ? 'true' : undefined} aria-describedby={p.error ? errorId : undefined}>
      <legend>{p.label}</legend>
      <div class="options">
        {p.options.map((option) => (
          <label class="option" key={option.value}>
            <input type="radio" name={p.id} value={option.value} checked={p.value === option.value} onChange={() => p.onValue(option.value)} />
            <span>{option.label}</span>
          </label>
        ))}
      </div>
      {p.error && (
        <p id={errorId} class="error">
          {p.error}
        </p>
      )}
    </fieldset>
  );
}
