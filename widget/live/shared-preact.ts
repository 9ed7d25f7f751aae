// The live view renders inside the panel's Preact tree, so it uses the panel's copy of Preact
// rather than carrying a second one (about 4.5 KB gzip). The build aliases `preact` and
// `preact/jsx-runtime` to this file for the live bundle only (vite.config.ts); the panel lends
// its copy as `sixty._ui`. Types still come from the real modules, so the sources read as
// ordinary Preact.
import type { SharedUi, SixtyWindow } from '../contract';

const sixty = (window as SixtyWindow).sixty;
// Loaded without the panel (never by the widget itself), the bundle registers nothing
// (./index.ts); `Object` stands in for Component so that defining the classes cannot throw.
const ui: Partial<SharedUi> = (sixty && sixty._ui) || { Component: Object as unknown as SharedUi['Component'] };

export const { jsx, Fragment, Component } = ui;
export const jsxs = jsx;
