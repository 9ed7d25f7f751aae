// Import boundaries, checked by `npm run check:imports` (in `npm test`). Type-only imports count:
// a type import across a boundary couples the two sides as much as a value import does.
// (CommonJS because package.json says "type": "module" and dependency-cruiser loads this with require.)

module.exports = {
  forbidden: [
    {
      name: 'console-not-to-server',
      comment: 'The console talks to the server over HTTP and sockets; shared types live in shared/.',
      severity: 'error',
      from: { path: '^console/' },
      to: { path: '^server/' },
    },
    {
      name: 'widget-not-to-server-or-console',
      comment: "The widget is a guest on a customer's page: it bundles only its own code and shared/.",
      severity: 'error',
      from: { path: '^widget/' },
      to: { path: '^(server|console)/' },
    },
    {
      name: 'shared-not-to-an-app',
      comment: 'shared/ is used by the widget, the console and the server, so it imports none of them.',
      severity: 'error',
      from: { path: '^shared/' },
      to: { path: '^(server|console|widget)/' },
    },
    {
      name: 'browser-code-not-to-node',
      comment: 'shared/, the widget and the console run in browsers: no Node built-in modules.',
      severity: 'error',
      from: { path: '^(shared|widget|console)/', pathNot: '[.]test[.]tsx?$' },
      to: { dependencyTypes: ['core'] },
    },
    {
      name: 'sqlite-not-to-pg',
      comment: 'The two stores differ only where the database forces it; what both need lives in server/db/.',
      severity: 'error',
      from: { path: '^server/db/sqlite/' },
      to: { path: '^server/db/pg/' },
    },
    {
      name: 'pg-not-to-sqlite',
      comment: 'The two stores differ only where the database forces it; what both need lives in server/db/.',
      severity: 'error',
      from: { path: '^server/db/pg/' },
      to: { path: '^server/db/sqlite/' },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '(^|/)(node_modules|dist)/' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default', 'types'],
      extensions: ['.ts', '.tsx', '.js', '.d.ts'],
    },
  },
};
