// The rules editor of one site: must-have questions, behaviour and fit rules, thresholds,
// saved as drafts, compared with the live version, backtested, published and rolled back.
import { editBasis } from '../../../shared/rules-draft';
import { useRef, useState } from 'preact/hooks';
import type { PageProps } from '../../routes';
import { adminApi } from '../admin-api';
import { PageHead } from '../ui/PageHead';
import { LoadState } from '../ui/LoadState';
import { failureOf, useLoad } from '../ui/useLoad';
import { SiteTabs, useSiteName } from '../sites/SiteTabs';
import type { BacktestResult, RulesVersionRow, SiteRules } from '../types';
import { BacktestView } from './BacktestView';
import { BehaviourEditor } from './BehaviourEditor';
import { ErrorSummary } from './ErrorSummary';
import { FitEditor } from './FitEditor';
import { formFromRules, rulesFromForm, type FieldErrors, type RulesForm } from './form';
import { JsonEditor } from './JsonEditor';
import { PublishDialog } from './PublishDialog';
import { QuestionsEditor } from './QuestionsEditor';
import { ScoringEditor } from './ScoringEditor';
import { VersionsPanel } from './VersionsPanel';
import { versionList } from './versions';
import '../admin.css';
import './rules.css';

type Refused = { message: string; errors: FieldErrors };

export function RulesPage({ params, onSessionEnded }: PageProps) {
  const siteId = params.siteId!;
  const siteName = useSiteName(siteId);
  const [form, setForm] = useState<RulesForm | null>(null);
  const [basedOn, setBasedOn] = useState<number | null>(null);
  const [refused, setRefused] = useState<Refused | null>(null);
  const [notice, setNotice] = useState('');
  const [busy, setBusy] = useState<'save' | 'backtest' | null>(null);
  const [backtest, setBacktest] = useState<BacktestResult | null>(null);
  const [comparing, setComparing] = useState<number | null>(null);
  const [publishing, setPublishing] = useState<RulesVersionRow | null>(null);
  const backtestHeading = useRef<HTMLHeadingElement>(null);

  const loaded = useLoad(
    async () => {
      const res = await adminApi.rules(siteId);
      // The editor starts, the first time only (later reloads keep edits), where any rules edit
      // does: from a pending draft (say a form mapped on Sites › Forms), else from the live rules.
      const basis = editBasis(res.current, res.versions);
      setForm((f) => f ?? formFromRules(basis.rules));
      setBasedOn((v) => v ?? basis.draftVersion ?? res.current.version);
      return res;
    },
    [siteId],
    onSessionEnded,
  );
  const data = loaded.data;

  const edit = (next: RulesForm) => {
    setForm(next);
    setNotice('');
    setBacktest(null);
  };

  /** The draft the form describes, or null with the fields to fix shown. */
  const draft = (): SiteRules | null => {
    if (!form || !data) return null;
    const { rules, errors } = rulesFromForm(form, data.current.version);
    if (Object.keys(errors).length) {
      setRefused({ message: 'Some fields need attention', errors });
      return null;
    }
    return rules;
  };

  const refuse = (err: unknown) => {
    const f = failureOf(err, onSessionEnded);
    if (f) setRefused({ message: f.message, errors: f.fields });
  };

  const save = async () => {
    setNotice('');
    const rules = draft();
    if (!rules) return;
    setRefused(null);
    setBusy('save');
    try {
      const { version } = await adminApi.saveDraft(siteId, rules);
      setNotice(`Saved as draft version ${version}. Review its changes and backtest below, then publish it.`);
      setBasedOn(version);
      setComparing(version);
      loaded.reload();
    } catch (err) {
      refuse(err);
    } finally {
      setBusy(null);
    }
  };

  const runBacktest = async () => {
    setNotice('');
    const rules = draft();
    if (!rules) return;
    setRefused(null);
    setBusy('backtest');
    try {
      setBacktest(await adminApi.backtest(siteId, rules));
      requestAnimationFrame(() => {
        backtestHeading.current?.scrollIntoView({ block: 'start', behavior: 'smooth' });
        backtestHeading.current?.focus({ preventScroll: true });
      });
    } catch (err) {
      refuse(err);
    } finally {
      setBusy(null);
    }
  };

  const loadIntoEditor = (row: RulesVersionRow) => {
    edit(formFromRules(row.rules));
    setBasedOn(row.version);
    setRefused(null);
    setNotice(`The editor now holds a copy of version ${row.version}. Saving makes a new draft.`);
    document.getElementById('questions-heading')?.scrollIntoView({ block: 'start' });
  };

  const published = (version: number) => {
    setPublishing(null);
    setComparing(null);
    setNotice(`Version ${version} is live. The widget shows its questions within a few seconds.`);
    loaded.reload();
  };

  const applyJson = (rules: SiteRules) => {
    edit(formFromRules(rules));
    setNotice('Applied the JSON to the form. Save it as a draft to keep it.');
  };

  return (
    <div class="page">
      <PageHead
        eyebrow={siteName ?? 'Site'}
        title="Questions and scoring"
        intro="What makes a lead an MQL, what makes it hot, and what rules it out. Changes are saved as drafts; nothing reaches the widget until a version is published."
      />
      <SiteTabs siteId={siteId} current="rules" />
      <LoadState loading={loaded.loading && !data} error={loaded.error} onRetry={loaded.reload} />
      {data && form && (
        <div class="rules-layout">
          <form
            class="rules-editor"
            aria-label="Rules draft"
            noValidate
            onSubmit={(e) => {
              e.preventDefault();
              void save();
            }}
          >
            <p class="editor-basis muted">
              Live: version {data.current.version}.{' '}
              {basedOn !== null && basedOn !== data.current.version ? `Editing a copy of version ${basedOn}.` : 'Editing a copy of the live version.'}
            </p>
            {refused && <ErrorSummary errors={refused.errors} message={refused.message} />}
            <QuestionsEditor questions={form.questions} errors={refused?.errors ?? {}} onChange={(questions) => edit({ ...form, questions })} />
            <BehaviourEditor rules={form.behaviour} errors={refused?.errors ?? {}} onChange={(behaviour) => edit({ ...form, behaviour })} />
            <FitEditor
              rules={form.fit}
              questionIds={form.questions.map((q) => q.id)}
              errors={refused?.errors ?? {}}
              onChange={(fit) => edit({ ...form, fit })}
            />
            <ScoringEditor value={form} errors={refused?.errors ?? {}} onChange={(patch) => edit({ ...form, ...patch })} />
            <JsonEditor current={() => rulesFromForm(form, data.current.version).rules} onApply={applyJson} />
            <div class="action-bar">
              <p class="action-notice" role="status">
                {notice}
              </p>
              <div class="action-buttons">
                <button type="button" class="btn" disabled={busy !== null} onClick={runBacktest}>
                  {busy === 'backtest' ? 'Backtesting…' : 'Backtest draft'}
                </button>
                <button type="submit" class="btn btn-primary" disabled={busy !== null}>
                  {busy === 'save' ? 'Saving…' : 'Save draft'}
                </button>
              </div>
            </div>
          </form>
          <aside class="rules-side" aria-label="Versions and backtest">
            {backtest && (
              <section class="panel" aria-labelledby="backtest-heading">
                <h2 id="backtest-heading" ref={backtestHeading} tabIndex={-1}>
                  Backtest of the draft
                </h2>
                <p class="section-intro muted">
                  How the stored history would be decided with the editor&rsquo;s rules instead of the live ones. Nothing is changed.
                </p>
                <BacktestView result={backtest} />
              </section>
            )}
            <VersionsPanel
              rows={versionList(data)}
              live={data.current}
              comparing={comparing}
              onCompare={setComparing}
              onEdit={loadIntoEditor}
              onPublish={setPublishing}
            />
          </aside>
        </div>
      )}
      {publishing && data && (
        <PublishDialog
          siteId={siteId}
          row={publishing}
          live={data.current}
          onDone={published}
          onCancel={() => setPublishing(null)}
          onSessionEnded={onSessionEnded}
        />
      )}
    </div>
  );
}
