// The callback request form: name, phone, optional email and the site's must-have questions.
// It checks what it can before a round trip; sending (and the status while it is under way)
// belongs to the panel, which keeps the request until the server has it.
// A class component, as is the panel: Preact's hooks would add 1 KB gzip to the panel bundle.
import { Component } from 'preact';
import type { LoaderConfig } from '../contract';
import { ChoiceField, TextField } from './fields';
import type { PanelTexts } from './texts';
import { validateLead, type FieldErrors, type LeadValues } from './validate';

export interface Note {
  text: string;
  tone: 'info' | 'error';
}

interface Props {
  config: LoaderConfig;
  t: PanelTexts;
  /** What the visitor had typed, when a saved request is being resent. */
  initial: LeadValues | null;
  /** How sending goes, from the panel. */
  note: Note | null;
  busy: boolean;
  /** Field messages from the server's answer (a new object for every answer). */
  serverErrors: FieldErrors;
  onSend(values: LeadValues): void;
  /** Only the phone is asked: the site's own form gave the rest. */
  phoneOnly?: boolean;
  /** The visitor started filling the form: time to fetch what the next step needs. */
  onStart(): void;
  /** The visitor chose "Talk now in your browser" (offered only when the site has browser calls on). */
  onTalk(values: LeadValues): void;
}

interface State {
  values: LeadValues;
  errors: FieldErrors;
  /** The result of the last check, when it found something. */
  checked: Note | null;
}

export class LeadForm extends Component<Props, State> {
  state: State = { values: this.props.initial || { name: '', phone: '', email: '', answers: {} }, errors: {}, checked: null };
  form: HTMLFormElement | null = null;

  componentDidUpdate(prev: Props) {
    const errors = this.props.serverErrors;
    if (errors !== prev.serverErrors && Object.keys(errors).length) this.setState({ errors }, this.focusInvalid);
  }

  /** After a failed check, focus the first invalid control (its error is read with it). */
  focusInvalid = () => {
    const invalid = this.form && this.form.querySelector<HTMLElement>('[aria-invalid="true"]');
    const target = invalid && invalid.tagName === 'FIELDSET' ? invalid.querySelector('input') : invalid;
    if (target) target.focus();
  };

  set(path: string, value: string) {
    this.setState(({ values, errors }) => {
      const { [path]: _fixed, ...rest } = errors;
      const next = path.startsWith('answers.') ? { ...values, answers: { ...values.answers, [path.slice(8)]: value } } : { ...values, [path]: value };
      return { values: next, errors: rest };
    });
  }

  /** Checks the form (for a browser call, the phone may stay empty) and hands it on when it passes. */
  check(talk: boolean) {
    const { config, t, busy, onSend, onTalk, phoneOnly } = this.props;
    if (busy) return;
    const errors = validateLead(this.state.values, phoneOnly ? [] : config.questions, t, phoneOnly, talk);
    const invalid = Object.keys(errors).length > 0;
    this.setState({ errors, checked: invalid ? { text: t.fix, tone: 'error' } : null }, invalid ? this.focusInvalid : undefined);
    if (!invalid) (talk ? onTalk : onSend)(this.state.values);
  }

  submit = (event: Event) => {
    event.preventDefault();
    this.check(false);
  };

  render({ config, t, note, busy, onStart, phoneOnly }: Props, { values, errors, checked }: State) {
    const status = checked || note;
    return (
      <form ref={(el) => void (this.form = el)} noValidate onSubmit={this.submit} onFocusIn={onStart} data-sixty-form>
        {!phoneOnly && (
          <TextField
            id="sixty-name"
            label={t.name}
            autoComplete="name"
            maxLength={200}
            value={values.name}
            error={errors.name}
            onValue={(v) => this.set('name', v)}
          />
        )}
        <TextField
          id="sixty-phone"
          label={t.phone}
          type="tel"
          autoComplete="tel"
          maxLength={40}
          hint={t.phoneHint}
          value={values.phone}
          error={errors.phone}
          onValue={(v) => this.set('phone', v)}
        />
        {!phoneOnly && (
          <TextField
            id="sixty-email"
            label={t.email}
            type="email"
            autoComplete="email"
            optional={t.optional}
            maxLength={320}
            value={values.email}
            error={errors.email}
            onValue={(v) => this.set('email', v)}
          />
        )}
        {!phoneOnly &&
          config.questions.map((q, index) => {
            const path = `answers.${q.id}`;
            const props = {
              id: `sixty-q${index}`,
              label: q.label,
              value: values.answers[q.id] || '',
              error: errors[path],
              onValue: (v: string) => this.set(path, v),
            };
            return q.type === 'single' ? <ChoiceField key={q.id} {...props} options={q.options || []} /> : <TextField key={q.id} {...props} maxLength={500} />;
          })}
        <p class={`status${status && status.tone === 'error' ? ' is-error' : ''}`} role="status" data-sixty-status>
          {status && status.text}
        </p>
        <button type="submit" class="submit" aria-disabled={busy ? 'true' : undefined} data-sixty-submit>
          {t.submit}
        </button>
        {config.browserCalls && !phoneOnly && (
          <>
            <button
              type="button"
              class="submit talk"
              aria-disabled={busy ? 'true' : undefined}
              aria-describedby="sixty-talk-hint"
              onClick={() => this.check(true)}
              data-sixty-talk
            >
              {t.talk}
            </button>
            <p id="sixty-talk-hint" class="hint">
              {t.talkHint}
            </p>
          </>
        )}
        <small>{t.fineprint}</small>
      </form>
    );
  }
}
