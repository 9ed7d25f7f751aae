// Entry of `sixty-panel.js`: registers `sixty._panel` for the loader and lends its Preact to the
// bundles that render inside it (`sixty._ui`). Its instant feedback on the must-have answers runs
// the engine's fit half (validate.ts); the whole engine is `sixty-qualify.js` (widget/qualify/).
// The panel renders into the loader's shadow root, so the host page's CSS cannot reach it and
// ours cannot leak out.
import { Component, Fragment, render } from 'preact';
import { jsx } from 'preact/jsx-runtime';
import { addStyles } from '../add-styles';
import type { PanelBundle, PanelContext, SixtyWindow } from '../contract';
import { Panel } from './Panel';
import { PANEL_CSS } from './styles';

const panel: PanelBundle = {
  mount(ctx: PanelContext) {
    addStyles(ctx.root, PANEL_CSS, ctx.nonce);
    const container = document.createElement('div');
    ctx.frame.append(container);

    let isOpen = false;
    // Re-rendering the same component keeps its state: closing and reopening shows where the
    // visitor left off (a half-filled form, or their lead's live status).
    const draw = () => render(<Panel ctx={ctx} open={isOpen} onClose={close} />, container);
    function open() {
      isOpen = true;
      draw();
    }
    function close() {
      if (!isOpen) return;
      isOpen = false;
      draw();
      ctx.onClose();
    }
    return { open, close };
  },
};

const sixty = (window as SixtyWindow).sixty;
if (sixty) {
  sixty._panel = panel;
  sixty._ui = { jsx, Fragment, Component };
}
