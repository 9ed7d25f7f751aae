// After a refused save: every message, each linking to its field (or its section).
import { useEffect, useRef } from 'preact/hooks';
import type { FieldErrors } from './form';
import { fieldId } from './list-ops';

/** "behaviour.2.points" -> "Behaviour rule 3 › points": where the editor shows it. */
export function describePath(path: string): string {
  const parts = path.split('.');
  const words: string[] = [];
  const names: Record<string, string> = {
    questions: 'Question',
    options: 'option',
    behaviour: 'Behaviour rule',
    fit: 'Fit rule',
    handRaiseEvents: 'Hand-raise event',
  };
  for (let i = 0; i < parts.length; i++) {
    const p = parts[i]!;
    const next = parts[i + 1];
    if (names[p] && next !== undefined && /^\d+$/.test(next)) {
      words.push(`${names[p]} ${Number(next) + 1}`);
      i++;
    } else words.push(p === '_' ? 'Rules' : p.replace(/([A-Z])/g, ' $1').toLowerCase());
  }
  return words.join(' › ').replace(/^./, (c) => c.toUpperCase());
}

/** The nearest element on the page for a path: the field, else its row's section. */
function targetOf(path: string): string {
  const parts = path.split('.');
  for (let n = parts.length; n > 0; n--) {
    const id = fieldId(parts.slice(0, n).join('.'));
    if (document.getElementById(id)) return id;
  }
  return 'r-questions';
}

export function ErrorSummary({ errors, message }: { errors: FieldErrors; message: string }) {
  const box = useRef<HTMLDivElement>(null);
  useEffect(() => box.current?.focus(), [errors, message]);
  const entries = Object.entries(errors);
  return (
    <div class="error-summary" role="alert" tabIndex={-1} ref={box}>
      <p class="error-summary-title">{message}</p>
      {entries.length > 0 && (
        <ul>
          {entries.map(([path, text]) => (
            <li key={path}>
              <a
                href={`#${fieldId(path)}`}
                onClick={(e) => {
                  e.preventDefault();
                  const el = document.getElementById(targetOf(path));
                  el?.scrollIntoView({ block: 'center' });
                  el?.focus();
                }}
              >
                {describePath(path)}: {text}
              </a>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
