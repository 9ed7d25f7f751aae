// A labelled text input with its hint and error wired up for assistive technology.
import type { JSX } from 'preact';

interface Props {
  id: string;
  label: string;
  value: string;
  onValue: (value: string) => void;
  type?: 'text' | 'email' | 'password';
  autoComplete?: string;
  hint?: string;
  error?: string;
  required?: boolean;
  multiline?: boolean;
  /** Id of a <datalist> of suggestions. */
  list?: string;
  /** The on-screen keyboard to offer (`decimal` for amounts). */
  inputMode?: 'decimal';
}

export function TextField({ id, label, value, onValue, type = 'text', autoComplete, hint, error, required, multiline, list, inputMode }: Props) {
  const showHint = hint && !error;
  const hintId = showHint ? `${id}-hint` : undefined;
  const errorId = error ? `${id}-error` : undefined;
  const describedBy = [hintId, errorId].filter(Boolean).join(' ') || undefined;
  const common = {
    id,
    name: id,
    value,
    required,
    'aria-invalid': error ? true : undefined,
    'aria-describedby': describedBy,
    onInput: (e: JSX.TargetedEvent<HTMLInputElement | HTMLTextAreaElement>) => onValue(e.currentTarget.value),
  };
  return (
    <div class="field">
      <label for={id}>{label}</label>
      {multiline ? <textarea rows={3} {...common} /> : <input type={type} autoComplete={autoComplete} list={list} inputMode={inputMode} {...common} />}
      {showHint && (
        <p class="field-hint" id={hintId}>
          {hint}
        </p>
      )}
      {error && (
        <p class="field-error" id={errorId}>
          {error}
        </p>
      )}
    </div>
  );
}
