// Entry of `sixty-panel.js`: registers `sixty._panel` for the loader. The panel renders into the
// loader's shadow root, so the host page's CSS cannot reach it and ours cannot leak out.
import { render } from 'preact';
import type { PanelBundle, PanelContext, SixtyWindow } from '../contract';
import { Panel } from './Panel';
import { PANEL_CSS } from './styles';

const panel: PanelBundle = {
  mount(ctx: PanelContext) {
    const style = document.createElement('style');
    if (ctx.nonce) style.nonce = ctx.nonce;
    style.textContent = PANEL_CSS;
    const container = document.createElement('div');
    ctx.root.append(style, container);

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
if (sixty) sixty._panel = panel;
