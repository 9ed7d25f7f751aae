// The rep's lists below the offers: their own leads, follow-ups from the cadence, callbacks
// visitors booked with their team, and the team's warm MQLs, as tabs so the column stays short.
import type { FollowUpTask, MyLeadItem, MyLeadsFilter, UpcomingCallback, WarmLead } from '../hooks/queue-api';
import { useNow } from '../hooks/useNow';
import { FollowUps } from './FollowUps';
import { MyLeads } from './MyLeads';
import { Tabs } from './Tabs';
import { Upcoming } from './Upcoming';
import { WarmLeads } from './WarmLeads';

export type WorkList = 'mine' | 'follow-ups' | 'upcoming' | 'warm';

interface Props {
  /** The signed-in user (their own meetings say so). */
  meId: string;
  selected: WorkList;
  onSelect: (list: WorkList) => void;
  openId: string | null;
  onOpen: (leadId: string) => void;
  mine: { rows: MyLeadItem[] | null; error: string; filter: MyLeadsFilter; setFilter: (f: MyLeadsFilter) => void; reload: () => void };
  followUps: { rows: FollowUpTask[] | null; error: string; reload: () => void };
  upcoming: { rows: UpcomingCallback[] | null; error: string; reload: () => void };
  warm: { rows: WarmLead[] | null; error: string; reload: () => void };
  claiming: string | null;
  onTake: (leadId: string) => void;
}

export function WorkLists({ meId, selected, onSelect, openId, onOpen, mine, followUps, upcoming, warm, claiming, onTake }: Props) {
  const now = useNow(15_000);
  const due = followUps.rows?.filter((t) => t.dueAt <= now).length ?? 0;
  // A list opened is read fresh: a booking or a warm lead may have come since its last poll.
  const lists: Record<WorkList, { reload: () => void }> = { mine, 'follow-ups': followUps, upcoming, warm };
  const select = (list: WorkList) => {
    onSelect(list);
    lists[list].reload();
  };
  return (
    <section class="panel worklists" aria-label="Your work">
      <Tabs
        id="worklists"
        label="Your work"
        selected={selected}
        onSelect={select}
        tabs={[
          { key: 'mine', label: 'My leads', badge: mine.rows?.length ?? null },
          { key: 'follow-ups', label: 'Follow-ups', badge: due || (followUps.rows?.length ?? null), urgent: due > 0 },
          { key: 'upcoming', label: 'Upcoming', badge: upcoming.rows?.length ?? null },
          { key: 'warm', label: 'Warm MQLs', badge: warm.rows?.length ?? null },
        ]}
      >
        {selected === 'mine' && (
          <MyLeads rows={mine.rows} error={mine.error} filter={mine.filter} openId={openId} onFilter={mine.setFilter} onOpen={onOpen} onRetry={mine.reload} />
        )}
        {selected === 'follow-ups' && <FollowUps rows={followUps.rows} error={followUps.error} openId={openId} onOpen={onOpen} onRetry={followUps.reload} />}
        {selected === 'upcoming' && (
          <Upcoming meId={meId} rows={upcoming.rows} error={upcoming.error} openId={openId} onOpen={onOpen} onRetry={upcoming.reload} />
        )}
        {selected === 'warm' && <WarmLeads rows={warm.rows} error={warm.error} claiming={claiming} onTake={onTake} onRetry={warm.reload} />}
      </Tabs>
    </section>
  );
}
