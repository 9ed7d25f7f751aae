// The console and widget import their stylesheets for the bundler (vite) to collect. TypeScript 7
// checks that a side-effect import resolves to something; this says a `.css` import is a module.
declare module '*.css';
