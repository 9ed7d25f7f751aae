// A horizontal bar chart drawn with uPlot (small, canvas, maintained): categories down the side,
// one bar per series and category, the value written at the end of each bar. The figure is
// labelled with a text summary for screen readers; the same figures are in the tables beside it.
import { useEffect, useRef } from 'preact/hooks';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';

export interface Series {
  label: string;
  values: Array<number | null>;
  /** Palette slot: 0 is the accent colour. */
  tone?: 0 | 1 | 2;
}

interface Props {
  labels: string[];
  series: Series[];
  /** What the chart says, for screen readers. */
  summary: string;
  /** Axis and bar-end text of a value. */
  format: (v: number) => string;
  /** Counts: whole-number ticks only. */
  whole?: boolean;
}

const TONES = ['#4338ca', '#a5b4fc', '#f79009'];
const FONT = '12px system-ui, -apple-system, "Segoe UI", Roboto, sans-serif';
/** Room per category row, so long lists stay readable. */
const ROW_PX = 38;
/** Widest category label column, in CSS pixels (narrow screens get less). */
const LABEL_MAX_PX = 180;

/** Widths of texts in the chart's font, in CSS pixels. */
function textWidths(texts: string[]): number[] {
  const ctx = document.createElement('canvas').getContext('2d');
  if (!ctx) return texts.map((t) => t.length * 7);
  ctx.font = FONT;
  return texts.map((t) => ctx.measureText(t).width);
}

/** Room between an axis and its labels (uPlot's default gap), in CSS pixels. */
const AXIS_GAP_PX = 5;

function labelWidth(labels: string[], width: number): number {
  const widest = Math.max(40, ...textWidths(labels));
  return Math.min(widest + 16, LABEL_MAX_PX, Math.round(width * 0.4));
}

/** A category label shortened with an ellipsis to fit `px`, so none is cut at the canvas edge. */
function fitLabel(label: string, px: number): string {
  if (textWidths([label])[0]! <= px) return label;
  let n = label.length;
  while (n > 1 && textWidths([`${label.slice(0, n)}…`])[0]! > px) n--;
  return `${label.slice(0, n)}…`;
}

/** Tick steps of the value axis: 1-2-5 series (whole numbers only for counts). */
const STEPS = [0.1, 0.2, 0.5, 1, 2, 5, 10, 20, 50, 100, 200, 500, 1000, 2000, 5000, 10_000, 20_000, 50_000, 100_000];
/** Least room between two value ticks, in CSS pixels. */
const TICK_SPACE_PX = 64;

/** Round tops within a power of ten, so the axis does not run far past the longest bar. */
const NICE = [1, 1.2, 1.5, 2, 2.5, 3, 4, 5, 6, 8, 10];

/** A round top for the value axis at or above `max`, with some headroom. */
function niceMax(max: number): number {
  if (max <= 0) return 1;
  const want = max * 1.1;
  const power = 10 ** Math.floor(Math.log10(want));
  return NICE.find((m) => m * power >= want)! * power;
}

function options(p: Props, width: number, height: number): uPlot.Options {
  const n = p.labels.length;
  const k = p.series.length;
  const values = p.series.flatMap((s) => s.values.filter((v): v is number => v !== null));
  const max = Math.max(0, ...values);
  const labelsPx = labelWidth(p.labels, width);
  // The value written after the longest bar, and the value axis's last tick label (centred on the
  // plot's right edge), must both fit inside the canvas: pad the right for half the widest tick
  // label, and raise the top until the longest bar leaves room for its text.
  const valueTextPx = Math.max(0, ...textWidths(values.map(p.format)));
  const plotPx = Math.max(40, width - labelsPx - 12);
  const room = Math.min(0.8, (valueTextPx + 6 + 4) / plotPx);
  const top = niceMax(max / (1 - room));
  const padRight = Math.ceil(Math.max(12, textWidths([p.format(top)])[0]! / 2 + 4));
  // Bar boxes of this draw, for writing each value at the end of its bar.
  let boxes: Array<{ s: number; i: number; left: number; top: number; width: number; height: number }> = [];
  return {
    width,
    height,
    legend: { show: k > 1, live: false },
    cursor: { show: false },
    select: { show: false, left: 0, top: 0, width: 0, height: 0 },
    padding: [8, padRight, 0, 0],
    scales: {
      // Categories run down the side (x is vertical), the first at the top (dir -1), values across.
      x: { time: false, ori: 1, dir: -1, range: [-0.5, n - 0.5] },
      y: { ori: 0, dir: 1, range: [0, top] },
    },
    axes: [
      {
        scale: 'x',
        side: 3,
        size: labelsPx,
        font: FONT,
        stroke: '#111827',
        grid: { show: false },
        ticks: { show: false },
        splits: () => p.labels.map((_, i) => i),
        values: (_u, splits) => splits.map((i) => fitLabel(p.labels[i] ?? '', labelsPx - AXIS_GAP_PX - 2)),
      },
      {
        scale: 'y',
        side: 2,
        font: FONT,
        stroke: '#556070',
        grid: { stroke: '#eef0f3', width: 1 },
        ticks: { show: false },
        space: TICK_SPACE_PX,
        incrs: p.whole ? STEPS.filter((x) => x >= 1) : STEPS,
        values: (_u, splits) => splits.map((v) => p.format(v)),
      },
    ],
    series: [
      {},
      ...p.series.map((s, si): uPlot.Series => ({
        label: s.label,
        fill: TONES[s.tone ?? si] ?? TONES[0],
        stroke: TONES[s.tone ?? si] ?? TONES[0],
        width: 0,
        points: { show: false },
        paths: uPlot.paths.bars!({
          // Two series sit side by side within a category; one is centred.
          size: [k > 1 ? 0.36 : 0.6, 26],
          align: k > 1 ? (si === 0 ? 1 : -1) : 0,
          radius: 0.2,
          each: (_u, seriesIdx, i, left, topPx, w, h) => boxes.push({ s: seriesIdx, i, left, top: topPx, width: w, height: h }),
        }),
      })),
    ],
    hooks: {
      drawClear: [() => (boxes = [])],
      draw: [
        (u) => {
          const ctx = u.ctx;
          ctx.save();
          ctx.font = FONT.replace('12px', `${12 * devicePixelRatio}px`);
          ctx.fillStyle = '#374151';
          ctx.textBaseline = 'middle';
          // uPlot leaves the axes' alignment on the context.
          ctx.textAlign = 'left';
          for (const b of boxes) {
            const v = p.series[b.s - 1]?.values[b.i];
            if (v === null || v === undefined) continue;
            // Across: where the value falls on the value scale; down: the middle of the drawn bar.
            ctx.fillText(p.format(v), u.valToPos(v, 'y', true) + 6 * devicePixelRatio, b.top + b.height / 2);
          }
          ctx.restore();
        },
      ],
    },
  };
}

export function BarChart(p: Props) {
  const box = useRef<HTMLDivElement>(null);
  const height = Math.max(110, p.labels.length * ROW_PX * (p.series.length > 1 ? 1.5 : 1) + (p.series.length > 1 ? 64 : 40));
  const key = JSON.stringify([p.labels, p.series]);

  useEffect(() => {
    const el = box.current;
    if (!el) return;
    const width = () => Math.max(200, el.clientWidth);
    const data: uPlot.AlignedData = [p.labels.map((_, i) => i), ...p.series.map((s) => s.values)];
    let plot = new uPlot(options(p, width(), height), data, el);
    // Redrawn from new options, not only resized: the room kept for the text depends on the width.
    const resized = new ResizeObserver(() => {
      if (Math.round(plot.width) === width()) return;
      plot.destroy();
      plot = new uPlot(options(p, width(), height), data, el);
    });
    resized.observe(el);
    return () => {
      resized.disconnect();
      plot.destroy();
    };
  }, [key, height]);

  return <div class="chart" ref={box} role="img" aria-label={p.summary} />;
}
