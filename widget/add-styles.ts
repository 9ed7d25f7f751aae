// Adds a stylesheet to a shadow root without inline CSS a strict Content-Security-Policy would
// block: a constructable stylesheet (CSSOM, which `style-src` does not govern) where the browser
// has them, else a `<style>` carrying the page's nonce. Bundles share no code at run time, so
// the loader and the panel each include this file.

export function addStyles(root: ShadowRoot, css: string, nonce: string): void {
  try {
    const sheet = new CSSStyleSheet();
    sheet.replaceSync(css);
    root.adoptedStyleSheets = root.adoptedStyleSheets.concat(sheet);
  } catch {
    const style = document.createElement('style');
    if (nonce) style.nonce = nonce;
    style.textContent = css;
    root.prepend(style);
  }
}
