// The rep's own leads (newest first), filtered by stage and "follow-up due", loaded over HTTP and
// kept current from live updates.
import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import type { LeadCard } from '../../shared/api';
import { messageOf } from '../api';
import { queueApi, type MyLeadItem, type MyLeadsFilter } from './queue-api';

const ALL: MyLeadsFilter = { stage: '', due: false };

function toRow(lead: LeadCard, before: MyLeadItem | undefined): MyLeadItem {
  const { id, name, phone, stage, capturedAt, acceptedAt, outcome } = lead;
  return { id, name, phone, stage, capturedAt, acceptedAt, outcome, nextFollowUpAt: before?.nextFollowUpAt ?? null };
}

export function useMyLeads() {
  const [filter, setFilter] = useState<MyLeadsFilter>(ALL);
  const [rows, setRows] = useState<MyLeadItem[] | null>(null);
  const [error, setError] = useState('');
  const filterRef = useRef(filter);
  filterRef.current = filter;
  /** Answers to an older filter arriving late must not overwrite the current one. */
  const latest = useRef(0);

  const reload = useCallback(() => {
    const ticket = ++latest.current;
    queueApi.myLeads(filterRef.current).then(
      (fresh) => {
        if (ticket !== latest.current) return;
        setRows(fresh);
        setError('');
      },
      (err) => ticket === latest.current && setError(messageOf(err)),
    );
  }, []);

  useEffect(reload, [filter.stage, filter.due, reload]);

  /** A lead this rep now owns or that changed: replace its row or put it on top; filtered lists ask the server. */
  const upsert = useCallback(
    (lead: LeadCard) => {
      const f = filterRef.current;
      if (f.stage || f.due) return reload();
      setRows((prev) => {
        const list = prev ?? [];
        const before = list.find((r) => r.id === lead.id);
        const row = toRow(lead, before);
        return before ? list.map((r) => (r.id === lead.id ? row : r)) : [row, ...list];
      });
    },
    [reload],
  );

  return { rows, error, filter, setFilter, reload, upsert };
}
