// The few web-platform globals that browsers and Node both provide, for tsconfig.shared.json:
// shared/ compiles without the DOM or Node types, so what it may use is declared here, and any
// other global (document, process, Buffer...) fails to compile there. Only what shared/ uses.

interface URLSearchParams {
  get(name: string): string | null;
  has(name: string): boolean;
}

interface URL {
  readonly hostname: string;
  readonly pathname: string;
  readonly protocol: string;
  readonly search: string;
  readonly searchParams: URLSearchParams;
}

declare var URL: {
  prototype: URL;
  new (url: string, base?: string): URL;
  canParse(url: string, base?: string): boolean;
};
