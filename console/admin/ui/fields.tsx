// Labelled form controls with hint and error wired for assistive technology. Admin forms are
// dense (rule rows), so each control is a small grid cell that wraps on narrow screens.
import type { ComponentChildren, JSX } from 'preact';

interface Common {
  id: string;
  label: string;
  hint?: string;
  error?: string;
  /** Extra class on the wrapper (e.g. a grid width). */
  class?: string;
  /** Label visible to assistive technology only (rows that repeat the same columns). */
  hideLabel?: boolean;
}

export function describedBy(id: string, hint?: string, error?: string): string | undefined {
  return [hint && !error ? `${id}-hint` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ') || undefined;
}

export function Shell({ id, label, hint, error, class: cls, hideLabel, children }: Common & { children: ComponentChildren }) {
  return (
    <div class={`field${cls ? ` ${cls}` : ''}`}>
      <label for={id} class={hideLabel ? 'visually-hidden' : undefined}>
        {label}
      </label>
      {children}
      {hint && !error && (
        <p class="field-hint" id={`${id}-hint`}>
          {hint}
        </p>
      )}
      {error && (
        <p class="field-error" id={`${id}-error`}>
          {error}
        </p>
      )}
    </div>
  );
}

type InputProps = Common & {
  value: string;
  onValue: (v: string) => void;
  type?: 'text' | 'email' | 'password' | 'number' | 'date' | 'tel' | 'time';
  placeholder?: string;
  autoComplete?: string;
  inputMode?: 'numeric' | 'decimal' | 'text' | 'email' | 'tel';
  min?: number;
  max?: number;
  step?: number | 'any';
  readOnly?: boolean;
};

export function Input(p: InputProps) {
  return (
    <Shell {...p}>
      <input
        id={p.id}
        name={p.id}
        type={p.type ?? 'text'}
        value={p.value}
        placeholder={p.placeholder}
        autoComplete={p.autoComplete}
        inputMode={p.inputMode}
        min={p.min}
        max={p.max}
        step={p.step}
        readOnly={p.readOnly}
        aria-invalid={p.error ? true : undefined}
        aria-describedby={describedBy(p.id, p.hint, p.error)}
        onInput={(e: JSX.TargetedEvent<HTMLInputElement>) => p.onValue(e.currentTarget.value)}
      />
    </Shell>
  );
}

type SelectProps<V extends string> = Common & {
  value: V;
  onValue: (v: V) => void;
  options: ReadonlyArray<{ value: V; label: string }>;
};

export function Select<V extends string>(p: SelectProps<V>) {
  return (
    <Shell {...p}>
      <select
        id={p.id}
        name={p.id}
        value={p.value}
        aria-invalid={p.error ? true : undefined}
        aria-describedby={describedBy(p.id, p.hint, p.error)}
        onChange={(e: JSX.TargetedEvent<HTMLSelectElement>) => p.onValue(e.currentTarget.value as V)}
      >
        {p.options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </Shell>
  );
}

type CheckProps = Omit<Common, 'hideLabel'> & { checked: boolean; onChecked: (v: boolean) => void };

export function Checkbox({ id, label, hint, error, class: cls, checked, onChecked }: CheckProps) {
  return (
    <div class={`field field-check${cls ? ` ${cls}` : ''}`}>
      <label for={id}>
        <input
          id={id}
          name={id}
          type="checkbox"
          checked={checked}
          aria-invalid={error ? true : undefined}
          aria-describedby={describedBy(id, hint, error)}
          onChange={(e: JSX.TargetedEvent<HTMLInputElement>) => onChecked(e.currentTarget.checked)}
        />
        {label}
      </label>
      {hint && !error && (
        <p class="field-hint" id={`${id}-hint`}>
          {hint}
        </p>
      )}
      {error && (
        <p class="field-error" id={`${id}-error`}>
          {error}
        </p>
      )}
    </div>
  );
}
