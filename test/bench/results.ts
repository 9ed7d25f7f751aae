// The shape of test/bench/results.json: everything one run measured, and what it ran on.
import type { BenchProtections } from '../../server/bench/seed';
import type { BenchConfig } from './config';
import type { MachineInfo } from './machine';
import type { ConnectionsFigure } from './figures/connections';
import type { IngestFigure } from './figures/ingest';
import type { ReportsFigure } from './figures/reports';
import type { ScoringFigure } from './figures/scoring';
import type { SubmitFigure } from './figures/submit';
import type { VoiceFigure } from './figures/voice';
import type { VolumeFigure } from './figures/volume';
import type { WidgetFigure } from './figures/widget';

export interface BenchResults {
  generatedAt: string;
  config: BenchConfig;
  machine: MachineInfo;
  commit: { sha: string; dirty: boolean } | null;
  durationSeconds: number;
  /** What the bench switched off on its sites (tracking settings) and server (environment). */
  protections: { site: BenchProtections | null; env: Record<string, string> };
  /** Source addresses the client sockets were spread over. */
  localAddresses: string[];
  figures: {
    submit?: SubmitFigure;
    ingest?: IngestFigure;
    connections?: ConnectionsFigure;
    scoring?: ScoringFigure;
    widget?: WidgetFigure;
    volume?: VolumeFigure;
    reports?: ReportsFigure;
    voice?: VoiceFigure;
  };
  /** A figure that failed to run, by name, with its error. */
  errors: Record<string, string>;
}

export const FIGURES = ['ingest', 'submit', 'connections', 'volume', 'scoring', 'widget', 'reports', 'voice'] as const;
export type FigureName = (typeof FIGURES)[number];
