// Replays the known attribution history (test/fixtures/attribution-history.ts) through a running
// server's public API on its fake clock: each session's batch as the widget sends it, each
// callback from its page; then the deals closed as rows in its SQLite file, as a rep's or a CRM's
// closing leaves them (stage changes with reasons, the lead's stage, deal value and close time).
import Database from 'better-sqlite3';
import { expect } from 'vitest';
import { at, historySteps, PEOPLE } from '../fixtures/attribution-history';
import { postEvents } from './events';
import { callbackBody, PASSING_ANSWERS, postCallback, type TestServer } from './test-server';

/** `setNow` moves the server's clock to each step's time before it is sent. */
export async function replayOverHttp(server: TestServer, setNow: (t: number) => void): Promise<void> {
  for (const step of historySteps()) {
    setNow(step.at);
    if (step.kind === 'batch') {
      const res = await postEvents(server.url, { siteKey: server.siteKey, ...step.body });
      expect(res.status).toBe(200);
      continue;
    }
    const p = step.person;
    const res = await postCallback(
      server.url,
      callbackBody(server.siteKey, {
        name: p.name,
        phone: p.phone,
        email: `${p.name.split(' ')[0]!.toLowerCase()}@attr.example`,
        pageUrl: step.pageUrl,
        ...(step.referrer ? { referrer: step.referrer } : {}),
        ...(p.visitorId ? { visitorId: p.visitorId } : {}),
        answers: p.capture.disqualified ? { ...PASSING_ANSWERS, projects: 'residential' } : PASSING_ANSWERS,
      }),
    );
    expect(res.status, JSON.stringify(res.body)).toBeLessThan(300);
  }
  closeDeals(server.deps.config.dbPath);
}

function closeDeals(dbPath: string) {
  const db = new Database(dbPath);
  try {
    db.transaction(() => {
      for (const p of PEOPLE) {
        const lead = db.prepare('select id, workspace_id, stage from leads where phone = ?').get(p.phone.replaceAll(' ', '')) as
          { id: string; workspace_id: string; stage: string } | undefined;
        if (!lead) throw new Error(`no lead for ${p.name}`);
        let from = lead.stage;
        for (const move of p.path) {
          db.prepare("insert into stage_changes (workspace_id, lead_id, from_stage, to_stage, actor, reason, at) values (?, ?, ?, ?, 'rep', ?, ?)").run(
            lead.workspace_id,
            lead.id,
            from,
            move.to,
            move.reason ?? null,
            at(move.day),
          );
          from = move.to;
        }
        const closed = p.path.find((m) => m.to === 'won' || m.to === 'lost');
        // Stage changes written by hand: the lead's kept stage facts are cleared, so reports work them out from the changes.
        db.prepare('update leads set stage = ?, deal_value = ?, closed_at = ?, report_exits = null where id = ?').run(
          from,
          p.deal ?? null,
          closed ? at(closed.day) : null,
          lead.id,
        );
      }
    })();
  } finally {
    db.close();
  }
}
