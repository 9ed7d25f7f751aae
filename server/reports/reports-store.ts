import type { FunnelLead } from './funnel.core';
import type { SpeedLead } from './speed-to-lead.core';

/** One lead as exported to CSV, with its timeline. */
export interface ExportRow {
  id: string;
  capturedAt: number;
  name: string;
  phone: string;
  email: string | null;
  site: string;
  stage: string;
  score: number;
  fit: string;
  owner: string | null;
  handRaiseAt: number | null;
  acceptedAt: number | null;
  firstCallAt: number | null;
  outcome: string | null;
  source: string | null;
  campaign: string | null;
  pageUrl: string | null;
  timeline: string;
}

/** Read-only queries behind the numbers (workspace-scoped, times in epoch ms, [from, to)). */
export interface ReportsStore {
  speedLeads(workspaceId: string, from: number, to: number): Promise<SpeedLead[]>;
  breachCauses(workspaceId: string, from: number, to: number): Promise<string[]>;
  visitorCount(workspaceId: string, from: number, to: number): Promise<number>;
  funnelLeads(workspaceId: string, from: number, to: number): Promise<FunnelLead[]>;
  exportRows(workspaceId: string, from: number, to: number): Promise<ExportRow[]>;
}
