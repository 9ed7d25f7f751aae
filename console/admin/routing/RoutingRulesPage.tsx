// A site's routing rules (admin and manager), tried top to bottom: the first whose conditions
// all hold sends the lead to its team. Add (above the catch-all), edit, move up or down,
// delete; a rule that can never match says why (the server decides, under the published rules).
import { useState } from 'preact/hooks';
import { Link } from '../../nav/Link';
import type { PageProps } from '../../routes';
import { isCatchAll, newRuleIndex } from '../../../shared/routing-rule-order';
import { adminApi, type RuleBody } from '../admin-api';
import { SiteTabs, useSiteName } from '../sites/SiteTabs';
import { ConfirmDialog } from '../ui/ConfirmDialog';
import { LoadState } from '../ui/LoadState';
import { PageHead } from '../ui/PageHead';
import { failureOf, useLoad } from '../ui/useLoad';
import { FormStatus } from '../ui/form-failure';
import type { Question, RoutingRuleView, TeamView, Unreachable } from '../types';
import { conditionText } from './conditions';
import { RuleEditor, STRATEGY_OPTIONS } from './RuleEditor';
import '../admin.css';
import '../sites/sites.css';
import '../users/users.css';
import './routing.css';

export function RoutingRulesPage({ params, onSessionEnded }: PageProps) {
  const siteId = params.siteId!;
  const siteName = useSiteName(siteId);
  const loaded = useLoad(() => Promise.all([adminApi.routingRules(siteId), adminApi.teams(), adminApi.rules(siteId)]), [siteId], onSessionEnded);
  const [editing, setEditing] = useState<string | 'new' | null>(null);
  const [removing, setRemoving] = useState<RoutingRuleView | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState('');
  const [notice, setNotice] = useState('');
  const rules = loaded.data?.[0] ?? [];
  const teams = loaded.data?.[1] ?? [];
  const questions = loaded.data?.[2].current.questions ?? [];

  const run = async (what: () => Promise<unknown>, done: string) => {
    setBusy(true);
    setError('');
    try {
      await what();
      setNotice(done);
      loaded.reload();
    } catch (err) {
      setError(failureOf(err, onSessionEnded)?.message ?? '');
    } finally {
      setBusy(false);
    }
  };

  const move = (i: number, by: -1 | 1) => {
    const ids = rules.map((r) => r.id);
    [ids[i], ids[i + by]] = [ids[i + by]!, ids[i]!];
    void run(() => adminApi.orderRoutingRules(siteId, ids), `${rules[i]!.name} moved ${by < 0 ? 'up' : 'down'}.`);
  };

  const saved = (text: string) => {
    setEditing(null);
    setNotice(text);
    loaded.reload();
  };

  return (
    <div class="page">
      <PageHead
        title="Routing rules"
        eyebrow={siteName ?? undefined}
        intro="Tried from the top: the first rule whose conditions all hold decides the team and how a rep is picked. A new rule goes above the catch-all (the rule with no conditions)."
      />
      <SiteTabs siteId={siteId} current="routing" />
      <FormStatus notice={notice} error={error} noticeClass="notice-line" />
      <LoadState loading={loaded.loading && !loaded.data} error={loaded.error} onRetry={loaded.reload} />
      {loaded.data && teams.length === 0 && (
        <p class="warning">
          Rules send leads to a team: <Link to="/teams">add a team</Link> first.
        </p>
      )}
      {loaded.data && rules.length === 0 && <p class="muted">No rules: hot leads of this site wait with reason “no matching rule”.</p>}
      <ol class="rule-list">
        {rules.map((r, i) => (
          <li
            key={r.id}
            class="panel rule-card"
            aria-labelledby={`rule-${r.id}`}
            aria-describedby={r.unreachable && editing !== r.id ? `rule-${r.id}-flag` : undefined}
          >
            {editing === r.id ? (
              <RuleEditor
                id={`rule-${r.id}-edit`}
                rule={r}
                teams={teams}
                questions={questions}
                note={() => r.unreachable && <RuleFlag id={`rule-${r.id}-edit-flag`} unreachable={r.unreachable} />}
                onSave={async (body: RuleBody) => (await adminApi.updateRoutingRule(siteId, r.id, body), saved(`${body.name} saved.`))}
                onCancel={() => setEditing(null)}
                onSessionEnded={onSessionEnded}
              />
            ) : (
              <RuleSummary
                rule={r}
                index={i}
                count={rules.length}
                teams={teams}
                questions={questions}
                busy={busy}
                onEdit={() => setEditing(r.id)}
                onMove={(by) => move(i, by)}
                onRemove={() => setRemoving(r)}
              />
            )}
          </li>
        ))}
      </ol>
      {editing === 'new' ? (
        <section class="panel" aria-labelledby="rule-new-heading">
          <h2 id="rule-new-heading">New rule</h2>
          <RuleEditor
            id="rule-new"
            rule={null}
            teams={teams}
            questions={questions}
            note={(conditions) => <p class="field-hint rule-placement">{placementText(rules, conditions)}</p>}
            onSave={async (body: RuleBody) => saved(addedText(rules, body.name, await adminApi.createRoutingRule(siteId, body)))}
            onCancel={() => setEditing(null)}
            onSessionEnded={onSessionEnded}
          />
        </section>
      ) : (
        loaded.data &&
        teams.length > 0 && (
          <div>
            <button type="button" class="btn btn-primary" onClick={() => setEditing('new')}>
              Add rule
            </button>
          </div>
        )
      )}
      {removing && (
        <ConfirmDialog
          title={`Delete rule ${removing.name}?`}
          confirmLabel="Delete"
          danger
          busy={busy}
          onConfirm={() => run(() => adminApi.deleteRoutingRule(siteId, removing.id), `${removing.name} deleted.`).then(() => setRemoving(null))}
          onCancel={() => setRemoving(null)}
        >
          <p>Leads it matched fall through to the rules below it.</p>
        </ConfirmDialog>
      )}
    </div>
  );
}

/** Where a new rule with these conditions will go, as the server places it. */
function placementText(rules: readonly RoutingRuleView[], conditions: readonly unknown[]): string {
  const at = newRuleIndex(rules, conditions);
  const catchAll = rules.find(isCatchAll);
  if (at < rules.length) return `It goes in as rule ${at + 1}, above “${rules[at]!.name}” (which takes every lead), so it is tried first.`;
  if (catchAll) return `With no conditions it goes in last, as rule ${at + 1}, below “${catchAll.name}”, which already takes every lead: it would never match.`;
  return `It goes in last, as rule ${at + 1}.`;
}

/** The notice after adding: where the rule went, from the server's answer. */
function addedText(before: readonly RoutingRuleView[], name: string, made: RoutingRuleView): string {
  const below = before[made.position - 1];
  const where = below ? `added as rule ${made.position}, above ${below.name}` : `added last, as rule ${made.position}`;
  return `${name} ${where}.${made.unreachable ? ` It never matches: ${made.unreachable.reason}.` : ''}`;
}

/** What to do about a rule that never matches. */
const FIX: Record<Unreachable['code'], string> = {
  after_catch_all: 'Move it up, or delete it.',
  shadowed: 'Move it up, narrow the rules above it, or delete it.',
  not_an_option: 'Edit its conditions.',
  rules_out: 'Edit its conditions.',
  not_asked: 'Edit its conditions, or ask the question again on the Rules page.',
  contradiction: 'Edit its conditions.',
};

function RuleFlag({ id, unreachable }: { id: string; unreachable: Unreachable }) {
  return (
    <p class="warning rule-flag" id={id}>
      <strong>Never matches:</strong> {unreachable.reason}. {FIX[unreachable.code]}
    </p>
  );
}

interface SummaryProps {
  rule: RoutingRuleView;
  index: number;
  count: number;
  teams: TeamView[];
  questions: readonly Question[];
  busy: boolean;
  onEdit: () => void;
  onMove: (by: -1 | 1) => void;
  onRemove: () => void;
}

function RuleSummary({ rule, index, count, teams, questions, busy, onEdit, onMove, onRemove }: SummaryProps) {
  const team = (id: string | null) => teams.find((t) => t.id === id)?.name ?? 'a removed team';
  const requires = [...rule.requires.skills, ...rule.requires.languages.map((l) => `speaks ${l}`), ...(rule.requires.territory ? ['territory'] : [])];
  return (
    <div class="rule-summary">
      <div class="rule-summary-head">
        <h2 id={`rule-${rule.id}`}>
          <span class="rule-number">{index + 1}.</span> {rule.name}
        </h2>
        <div class="page-actions">
          <button type="button" class="btn btn-small" disabled={busy || index === 0} onClick={() => onMove(-1)} aria-label={`Move ${rule.name} up`}>
            Up
          </button>
          <button type="button" class="btn btn-small" disabled={busy || index === count - 1} onClick={() => onMove(1)} aria-label={`Move ${rule.name} down`}>
            Down
          </button>
          <button type="button" class="btn btn-small" onClick={onEdit} aria-label={`Edit ${rule.name}`}>
            Edit
          </button>
          <button type="button" class="btn btn-small btn-ghost" onClick={onRemove} aria-label={`Delete ${rule.name}`}>
            Delete
          </button>
        </div>
      </div>
      {rule.unreachable && <RuleFlag id={`rule-${rule.id}-flag`} unreachable={rule.unreachable} />}
      <dl class="site-facts">
        <dt>When</dt>
        <dd>{rule.conditions.length ? rule.conditions.map((c) => conditionText(c, questions)).join('; and ') : 'Every lead'}</dd>
        <dt>Then</dt>
        <dd>
          {team(rule.teamId)}, {STRATEGY_OPTIONS.find((s) => s.value === rule.strategy)?.label.toLowerCase()}
          {rule.overflowTeamId ? `; overflow to ${team(rule.overflowTeamId)}` : ''}
          {rule.escalateToEveryone ? '; then everyone online' : ''}
          {rule.teamAllAfterMs != null ? `; the whole team at once after ${rule.teamAllAfterMs / 1000} s` : ''}
          {rule.alertManagers ? '; then alert managers' : ''}
        </dd>
        {requires.length > 0 && (
          <>
            <dt>Requires</dt>
            <dd>{requires.join(', ')}</dd>
          </>
        )}
      </dl>
    </div>
  );
}
