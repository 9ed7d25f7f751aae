// What the console's canvas charts actually drew: every text a chart's canvas drew in its last
// frame, where, and how wide, read by wrapping the canvas's fillText before the page's scripts
// run. A browser test then checks the rendered order of a chart's labels, and that no text runs
// past the canvas's edges (a clipped "1 mi"), without any hook in the product's code.
import type { BrowserContext, Page } from 'playwright-core';

export interface DrawnText {
  /** The chart's accessible summary (its `aria-label`). */
  chart: string;
  text: string;
  x: number;
  y: number;
  left: number;
  right: number;
  canvasWidth: number;
}

/** Starts recording in every page of `context` (call before opening the page). */
export async function recordChartTexts(context: BrowserContext): Promise<void> {
  await context.addInitScript(() => {
    type Drawn = { canvas: HTMLCanvasElement; text: string; x: number; y: number; left: number; right: number };
    const drawn: Drawn[] = [];
    (window as unknown as { __chartTexts: Drawn[] }).__chartTexts = drawn;
    const proto = CanvasRenderingContext2D.prototype;
    const fillText = proto.fillText;
    const clearRect = proto.clearRect;
    proto.fillText = function (text: string, x: number, y: number, maxWidth?: number) {
      const m = this.getTransform();
      const width = this.measureText(text).width * m.a;
      const at = m.a * x + m.e;
      const left = this.textAlign === 'center' ? at - width / 2 : this.textAlign === 'right' || this.textAlign === 'end' ? at - width : at;
      drawn.push({ canvas: this.canvas, text, x: at, y: m.d * y + m.f, left, right: left + width });
      return maxWidth === undefined ? fillText.call(this, text, x, y) : fillText.call(this, text, x, y, maxWidth);
    };
    // A whole-canvas clear starts a new frame: forget what that canvas drew before.
    proto.clearRect = function (x: number, y: number, w: number, h: number) {
      if (x <= 0 && y <= 0 && w >= this.canvas.width && h >= this.canvas.height) {
        for (let i = drawn.length - 1; i >= 0; i--) if (drawn[i]!.canvas === this.canvas) drawn.splice(i, 1);
      }
      return clearRect.call(this, x, y, w, h);
    };
  });
}

/** The texts drawn by charts still on the page, in device pixels of their canvas. */
export function chartTexts(page: Page): Promise<DrawnText[]> {
  return page.evaluate(() => {
    const drawn = (window as unknown as { __chartTexts: Array<{ canvas: HTMLCanvasElement; text: string; x: number; y: number; left: number; right: number }> })
      .__chartTexts;
    return drawn
      .filter((d) => d.canvas.isConnected)
      .map((d) => ({
        chart: d.canvas.closest('[role="img"]')?.getAttribute('aria-label') ?? '',
        text: d.text,
        x: d.x,
        y: d.y,
        left: d.left,
        right: d.right,
        canvasWidth: d.canvas.width,
      }));
  });
}
