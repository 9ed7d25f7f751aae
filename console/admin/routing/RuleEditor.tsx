// One routing rule as a form: its conditions (all must hold; questions and answers picked from
// the site's published rules), the team and how it picks a rep, the escalation chain (overflow
// team, then everyone), the escalation ladder (the whole team at once, then the managers) and
// what a rep must have.
import { useState } from 'preact/hooks';
import type { JSX } from 'preact';
import type { RuleBody } from '../admin-api';
import { Checkbox, Input, Select } from '../ui/fields';
import { showFormFailure } from '../ui/form-failure';
import type { ComponentChildren } from 'preact';
import type { Question, RoutingRule, Strategy, TeamView } from '../types';
import { AnswerPicks, QuestionSelect } from './AnswerPicks';
import { conditionOf, draftOf, FIELD_OPTIONS, kindOf, newCondition, OPS, picksAnswers, withField, type ConditionDraft } from './conditions';
import { splitList } from './hours';

export const STRATEGY_OPTIONS: ReadonlyArray<{ value: Strategy; label: string }> = [
  { value: 'round_robin', label: 'Round robin' },
  { value: 'weighted', label: 'Weighted' },
  { value: 'account_owner', label: 'Account owner first' },
  { value: 'broadcast', label: 'Broadcast (first to accept)' },
];

interface Props {
  id: string;
  rule: RoutingRule | null;
  teams: TeamView[];
  /** The site's published questions: what answer conditions pick from. */
  questions: readonly Question[];
  /** Shown above the buttons, from the conditions as drafted: where a new rule will go, or why a saved one never matches. */
  note?: (conditions: readonly ConditionDraft[]) => ComponentChildren;
  onSave: (body: RuleBody) => Promise<unknown>;
  onCancel: () => void;
  onSessionEnded: () => void;
}

export function RuleEditor({ id, rule, teams, questions, note, onSave, onCancel, onSessionEnded }: Props) {
  const [name, setName] = useState(rule?.name ?? '');
  const [conditions, setConditions] = useState<ConditionDraft[]>(rule?.conditions.map(draftOf) ?? []);
  const [teamId, setTeamId] = useState(rule?.teamId ?? teams[0]?.id ?? '');
  const [strategy, setStrategy] = useState<Strategy>(rule?.strategy ?? 'round_robin');
  const [overflowTeamId, setOverflow] = useState(rule?.overflowTeamId ?? '');
  const [everyone, setEveryone] = useState(rule?.escalateToEveryone ?? false);
  const [skills, setSkills] = useState(rule?.requires.skills.join(', ') ?? '');
  const [languages, setLanguages] = useState(rule?.requires.languages.join(', ') ?? '');
  const [territory, setTerritory] = useState(rule?.requires.territory ?? false);
  const [ownerWait, setOwnerWait] = useState(String((rule?.ownerWaitMs ?? 0) / 1000));
  const [teamAllAfter, setTeamAllAfter] = useState(rule?.teamAllAfterMs == null ? '' : String(rule.teamAllAfterMs / 1000));
  const [alertManagers, setAlertManagers] = useState(rule?.alertManagers ?? false);
  const [fields, setFields] = useState<Record<string, string>>({});
  const [error, setError] = useState('');
  const [busy, setBusy] = useState(false);

  const setCondition = (i: number, d: ConditionDraft) => setConditions((cs) => cs.map((c, j) => (j === i ? d : c)));
  const listError = (name: string) => Object.entries(fields).find(([k]) => k === name || k.startsWith(`${name}.`))?.[1];
  const valuesError = (i: number) => listError(`conditions.${i}.values`);

  const submit = async (e: JSX.TargetedEvent<HTMLFormElement>) => {
    e.preventDefault();
    const form = e.currentTarget;
    setBusy(true);
    setError('');
    setFields({});
    try {
      await onSave({
        name: name.trim(),
        conditions: conditions.map((c) => conditionOf(c, questions)),
        teamId,
        strategy,
        overflowTeamId: overflowTeamId || null,
        escalateToEveryone: everyone,
        requires: { skills: splitList(skills), languages: splitList(languages).map((l) => l.toLowerCase()), territory },
        ownerWaitMs: Math.round(Number(ownerWait || 0) * 1000),
        // Empty: no team-wide step.
        teamAllAfterMs: teamAllAfter.trim() === '' ? null : Math.round(Number(teamAllAfter) * 1000),
        alertManagers,
      });
    } catch (err) {
      showFormFailure(err, onSessionEnded, form, { setFields, setError });
    } finally {
      setBusy(false);
    }
  };

  const teamOptions = teams.map((t) => ({ value: t.id, label: t.name }));
  return (
    <form class="rule-editor stack" noValidate onSubmit={submit} aria-label={rule ? `Edit rule ${rule.name}` : 'New routing rule'}>
      <Input id={`${id}-name`} label="Rule name" class="narrow" value={name} error={fields.name} onValue={setName} />
      <fieldset class="conditions">
        <legend>Conditions (all must hold; none = every lead)</legend>
        <ul class="condition-list">
          {conditions.map((c, i) => {
            const kind = kindOf(c.field);
            const err = (p: string) => fields[`conditions.${i}.${p}`];
            return (
              <li key={i} class="condition-row">
                <Select
                  id={`${id}-c${i}-field`}
                  label={`Condition ${i + 1}: field`}
                  value={c.field}
                  options={FIELD_OPTIONS}
                  error={err('field')}
                  onValue={(f) => setCondition(i, withField(c, f, questions))}
                />
                {c.field === 'answer' ? (
                  <QuestionSelect
                    id={`${id}-c${i}-key`}
                    label={`Condition ${i + 1}: question`}
                    value={c.key}
                    questions={questions}
                    error={err('key')}
                    onValue={(key) => setCondition(i, { ...c, key, picked: [], text: '' })}
                  />
                ) : (
                  kind === 'keyed' && (
                    <Input
                      id={`${id}-c${i}-key`}
                      label={`Condition ${i + 1}: trait`}
                      placeholder="plan"
                      value={c.key}
                      error={err('key')}
                      onValue={(key) => setCondition(i, { ...c, key })}
                    />
                  )
                )}
                <Select
                  id={`${id}-c${i}-op`}
                  label={`Condition ${i + 1}: test`}
                  value={c.op}
                  options={OPS[kind]}
                  error={err('op')}
                  onValue={(op) => setCondition(i, { ...c, op })}
                />
                {picksAnswers(c, questions) ? (
                  <AnswerPicks
                    id={`${id}-c${i}-answers`}
                    legend={`Condition ${i + 1}: answers`}
                    question={questions.find((q) => q.id === c.key)}
                    picked={c.picked}
                    error={valuesError(i)}
                    onPicked={(picked) => setCondition(i, { ...c, picked })}
                  />
                ) : (
                  <Input
                    id={`${id}-c${i}-value`}
                    label={`Condition ${i + 1}: ${kind === 'number' ? 'number' : c.field === 'answer' ? 'answers' : 'values'}`}
                    type={kind === 'number' ? 'number' : 'text'}
                    placeholder={kind === 'number' ? '201' : 'comma-separated'}
                    value={c.text}
                    error={err('value') ?? valuesError(i)}
                    onValue={(text) => setCondition(i, { ...c, text })}
                  />
                )}
                <button
                  type="button"
                  class="btn btn-small btn-ghost"
                  aria-label={`Remove condition ${i + 1}`}
                  onClick={() => setConditions((cs) => cs.filter((_, j) => j !== i))}
                >
                  Remove
                </button>
              </li>
            );
          })}
        </ul>
        <button type="button" class="btn btn-small" onClick={() => setConditions((cs) => [...cs, newCondition(questions)])}>
          Add condition
        </button>
      </fieldset>
      <div class="grid-fields">
        <Select id={`${id}-team`} label="Team" value={teamId} options={teamOptions} error={fields.teamId} onValue={setTeamId} />
        <Select id={`${id}-strategy`} label="Strategy" value={strategy} options={STRATEGY_OPTIONS} error={fields.strategy} onValue={setStrategy} />
        <Select
          id={`${id}-overflow`}
          label="Overflow team"
          value={overflowTeamId}
          options={[{ value: '', label: 'None' }, ...teamOptions]}
          error={fields.overflowTeamId}
          onValue={setOverflow}
        />
        {strategy === 'account_owner' && (
          <Input
            id={`${id}-owner-wait`}
            type="number"
            min={0}
            label="Wait for the owner (seconds)"
            value={ownerWait}
            error={fields.ownerWaitMs}
            onValue={setOwnerWait}
          />
        )}
      </div>
      <Checkbox id={`${id}-everyone`} label="Then offer to everyone online before queueing" checked={everyone} onChecked={setEveryone} />
      <fieldset>
        <legend>Escalation ladder</legend>
        <div class="grid-fields">
          <Input
            id={`${id}-team-all`}
            type="number"
            min={0}
            label="Offer to the whole team at once after (seconds)"
            hint="From the hand-raise; live tabs and devices together. Empty: never"
            value={teamAllAfter}
            error={fields.teamAllAfterMs}
            onValue={setTeamAllAfter}
          />
        </div>
        <Checkbox
          id={`${id}-alert-managers`}
          label="Then alert managers by push and email"
          hint="Once per lead, when nobody took it; the visitor can book a time meanwhile"
          checked={alertManagers}
          onChecked={setAlertManagers}
        />
      </fieldset>
      <fieldset>
        <legend>Reps must have</legend>
        <div class="grid-fields">
          <Input id={`${id}-skills`} label="Skills" hint="Comma-separated" value={skills} error={listError('requires.skills')} onValue={setSkills} />
          <Input id={`${id}-languages`} label="Languages" hint="e.g. de, en" value={languages} error={listError('requires.languages')} onValue={setLanguages} />
        </div>
        <Checkbox id={`${id}-territory`} label="The lead's country in their territories" checked={territory} onChecked={setTerritory} />
      </fieldset>
      {note?.(conditions)}
      <div class="form-actions">
        {error && (
          <p class="form-error" role="alert">
            {error}
          </p>
        )}
        <button type="button" class="btn" onClick={onCancel}>
          Cancel
        </button>
        <button type="submit" class="btn btn-primary" disabled={busy}>
          {busy ? 'Saving…' : 'Save rule'}
        </button>
      </div>
    </form>
  );
}
