// The rep's own leads (newest first), loaded over HTTP and kept current from live updates.
import { useCallback, useEffect, useState } from 'preact/hooks';
import type { LeadCard, MyLeadRow } from '../../shared/api';
import { api, messageOf } from '../api';

function toRow(lead: LeadCard): MyLeadRow {
  const { id, name, phone, stage, capturedAt, acceptedAt, outcome } = lead;
  return { id, name, phone, stage, capturedAt, acceptedAt, outcome };
}

export function useMyLeads() {
  const [rows, setRows] = useState<MyLeadRow[] | null>(null);
  const [error, setError] = useState('');

  const reload = useCallback(() => {
    api.myLeads().then(
      (fresh) => {
        setRows(fresh);
        setError('');
      },
      (err) => setError(messageOf(err)),
    );
  }, []);

  useEffect(reload, [reload]);

  /** A lead this rep now owns or that changed: replace its row, or put it on top. */
  const upsert = useCallback((lead: LeadCard) => {
    setRows((prev) => {
      const list = prev ?? [];
      const row = toRow(lead);
      return list.some((r) => r.id === lead.id) ? list.map((r) => (r.id === lead.id ? row : r)) : [row, ...list];
    });
  }, []);

  return { rows, error, reload, upsert };
}
