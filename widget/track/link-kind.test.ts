import { describe, expect, it } from 'vitest';
import { linkKind } from './link-kind';

const kind = (href: string, download = false, pageHost = 'shop.test') => linkKind(new URL(href), download, pageHost);

describe('linkKind', () => {
  it('sees file downloads by extension, whatever the host', () => {
    for (const ext of ['pdf', 'zip', 'docx', 'xlsx', 'pptx', 'csv', 'doc', 'PDF']) expect(kind(`https://shop.test/files/brochure.${ext}`)).toBe('download');
    expect(kind('https://cdn.other.test/price-list.pdf?v=3')).toBe('download');
  });

  it('sees the download attribute on any link', () => {
    expect(kind('https://shop.test/export', true)).toBe('download');
  });

  it('sees links to another host as outbound', () => {
    expect(kind('https://partner.test/')).toBe('outbound');
    expect(kind('https://blog.shop.test/')).toBe('outbound');
  });

  it('treats www. as the same site', () => {
    expect(kind('https://www.shop.test/pricing')).toBeUndefined();
    expect(kind('https://shop.test/pricing', false, 'www.shop.test')).toBeUndefined();
  });

  it('ignores same-site pages and non-http links', () => {
    expect(kind('https://shop.test/pricing.html')).toBeUndefined();
    expect(kind('mailto:sales@shop.test')).toBeUndefined();
    expect(kind('tel:+14155552671')).toBeUndefined();
    expect(kind('javascript:void(0)')).toBeUndefined();
  });
});
