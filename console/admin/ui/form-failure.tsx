// What every routing form does when a save fails, and where it says so: one place, so the
// forms cannot drift apart in how they show field errors or where focus goes.
import type { JSX } from 'preact';
import { focusFirstInvalid } from '../../focus';
import { failureOf } from './useLoad';

export interface FormFailureSetters {
  setFields: (fields: Record<string, string>) => void;
  setError: (message: string) => void;
}

/** A 401 ends the session; field errors go to their fields (focus on the first), else the message. */
export function showFormFailure(err: unknown, onSessionEnded: () => void, form: HTMLFormElement | null, { setFields, setError }: FormFailureSetters): void {
  const f = failureOf(err, onSessionEnded);
  if (!f) return;
  setFields(f.fields);
  setError(Object.keys(f.fields).length ? 'Some fields need attention.' : f.message);
  focusFirstInvalid(form);
}

/** The live notice (announced politely) and the error (announced at once) of a form or a page. */
export function FormStatus({ notice, error, noticeClass = 'action-notice' }: { notice: string; error: string; noticeClass?: string }): JSX.Element {
  return (
    <>
      <p class={noticeClass} role="status">
        {notice}
      </p>
      {error && (
        <p class="form-error" role="alert">
          {error}
        </p>
      )}
    </>
  );
}
