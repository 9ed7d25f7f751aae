// Which addresses the server may send requests to: every blocked range at its edges, the forms
// that hide an internal address (mapped, NAT64, 6to4, URL shorthand), the allow-list, and the
// parser checked against Node's own on random input.
import { isIP } from 'node:net';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addressAllowed, isPublicAddress, PUBLIC_ONLY, targetOf } from './address-policy';
import { allowListFrom, fetchAllowFrom } from './allow-list';
import { formatIp, inCidr, parseCidr, parseIp } from './ip';

const allowed = (address: string, allow = PUBLIC_ONLY) => addressAllowed(address, allow);
/** A URL's host as the guarded fetch sees it: after WHATWG parsing. */
const hostOf = (url: string) => new URL(url).hostname;

describe('the address policy', () => {
  it.each([
    ['0.0.0.0', '0.255.255.255'],
    ['10.0.0.0', '10.255.255.255'],
    ['100.64.0.0', '100.127.255.255'],
    ['127.0.0.0', '127.255.255.255'],
    ['169.254.0.0', '169.254.255.255'],
    ['172.16.0.0', '172.31.255.255'],
    ['192.0.0.0', '192.0.0.255'],
    ['192.0.2.0', '192.0.2.255'],
    ['192.168.0.0', '192.168.255.255'],
    ['198.18.0.0', '198.19.255.255'],
    ['198.51.100.0', '198.51.100.255'],
    ['203.0.113.0', '203.0.113.255'],
    ['224.0.0.0', '239.255.255.255'],
    ['240.0.0.0', '255.255.255.255'],
  ])('refuses IPv4 %s to %s', (first, last) => {
    expect(allowed(first)).toBe(false);
    expect(allowed(last)).toBe(false);
  });

  it('allows the public addresses just outside each blocked IPv4 range', () => {
    const neighbours = [
      '1.0.0.0',
      '9.255.255.255',
      '11.0.0.0',
      '100.63.255.255',
      '100.128.0.0',
      '126.255.255.255',
      '128.0.0.0',
      '169.253.255.255',
      '169.255.0.0',
    ];
    neighbours.push(
      '172.15.255.255',
      '172.32.0.0',
      '191.255.255.255',
      '192.0.1.0',
      '192.0.3.0',
      '192.167.255.255',
      '192.169.0.0',
      '198.17.255.255',
      '198.20.0.0',
    );
    neighbours.push('198.51.99.255', '198.51.101.0', '203.0.112.255', '203.0.114.0', '223.255.255.255');
    for (const address of neighbours) expect(allowed(address), address).toBe(true);
  });

  it.each([
    '::',
    '::1',
    '::127.0.0.1',
    'fc00::1',
    'fd00:ec2::254',
    'fe80::1',
    'febf:ffff::1',
    'fec0::1',
    'ff02::1',
    '100::1',
    '2001:db8::1',
    '2001::1',
    '3fff::1',
    '64:ff9b:1::1',
    '::ffff:0:7f00:1',
  ])('refuses IPv6 %s', (address) => {
    expect(allowed(address)).toBe(false);
  });

  it.each([
    ['::ffff:127.0.0.1', false],
    ['::ffff:7f00:1', false],
    ['::ffff:169.254.169.254', false],
    ['::ffff:8.8.8.8', true],
    ['64:ff9b::127.0.0.1', false],
    ['64:ff9b::a00:1', false],
    ['64:ff9b::8.8.8.8', true],
    ['2002:7f00:1::1', false],
    ['2002:c0a8:101::1', false],
    ['2002:808:808::1', true],
  ])('judges %s by the IPv4 address inside it', (address, ok) => {
    expect(allowed(address)).toBe(ok);
  });

  it.each(['8.8.8.8', '1.1.1.1', '93.184.216.34', '100.63.255.255', '100.128.0.0', '172.15.255.255', '172.32.0.0', '2606:4700::1111', '2a00:1450:4001::200e'])(
    'allows public %s',
    (address) => {
      expect(allowed(address)).toBe(true);
    },
  );

  it('refuses what it cannot parse', () => {
    for (const bad of ['', 'localhost', '127.1', '0x7f.0.0.1', '01.2.3.4', '256.0.0.1', '1:2:3:4:5:6:7:8:9', '1::2::3', 'fe80::1%eth0'])
      expect(allowed(bad), bad).toBe(false);
  });

  it('refuses every internal address whatever the URL spelling, once URL parsing has normalized it', () => {
    for (const url of [
      'http://127.0.0.1:8080/',
      'http://localhost:8080/',
      'http://LOCALHOST./',
      'http://app.localhost/',
      'http://0.0.0.0/',
      'http://2130706433/',
      'http://0x7f.1/',
      'http://017700000001/',
      'http://127.1/',
      'http://[::1]/',
      'http://[::]/',
      'http://[::ffff:127.0.0.1]/',
      'http://169.254.169.254/latest/meta-data/',
      'http://[fd00:ec2::254]/',
    ]) {
      expect(targetOf(hostOf(url), PUBLIC_ONLY), url).toEqual({ kind: 'refused' });
    }
  });

  it('leaves names to be resolved and checked at send time, and trusts allow-listed names', () => {
    expect(targetOf(hostOf('https://hooks.slack.com/services/x'), PUBLIC_ONLY)).toEqual({ kind: 'name', host: 'hooks.slack.com', trusted: false });
    const allow = allowListFrom(['calendar.internal', 'localhost']);
    expect(targetOf('calendar.internal', allow)).toEqual({ kind: 'name', host: 'calendar.internal', trusted: true });
    expect(targetOf('localhost', allow)).toEqual({ kind: 'name', host: 'localhost', trusted: true });
    expect(targetOf('[2606:4700::1111]', PUBLIC_ONLY)).toEqual({ kind: 'address', address: '2606:4700::1111', family: 6 });
  });

  it('allows exactly what the operator lists', () => {
    const allow = allowListFrom(['127.0.0.1', '10.0.0.0/8', '::1', 'fd00::/8']);
    expect(allowed('127.0.0.1', allow)).toBe(true);
    expect(allowed('::ffff:127.0.0.1', allow)).toBe(true);
    expect(allowed('127.0.0.2', allow)).toBe(false);
    expect(allowed('10.200.3.4', allow)).toBe(true);
    expect(allowed('11.0.0.0', allow)).toBe(true);
    expect(allowed('172.16.0.1', allow)).toBe(false);
    expect(allowed('::1', allow)).toBe(true);
    expect(allowed('fd12::1', allow)).toBe(true);
    expect(allowed('fe80::1', allow)).toBe(false);
    expect(targetOf('127.0.0.1', allow)).toEqual({ kind: 'address', address: '127.0.0.1', family: 4 });
    // An entry reads like a URL host: 2130706433 is 127.0.0.1 in both.
    expect(allowed('127.0.0.1', allowListFrom(['2130706433']))).toBe(true);
  });
});

describe('the allow-list setting', () => {
  it('reads comma-separated entries and refuses what is not a host, address or range', () => {
    expect(fetchAllowFrom(undefined)).toEqual([]);
    expect(fetchAllowFrom(' 127.0.0.1 , 10.0.0.0/8,,calendar.internal ')).toEqual(['127.0.0.1', '10.0.0.0/8', 'calendar.internal']);
    for (const bad of ['10.0.0.0/33', '10.0.0.0/x', 'fe80::/129', 'host:80', 'http://x', 'a b', 'user@host', '1::2::3', '[::1', 'x/8', '*.internal']) {
      expect(() => fetchAllowFrom(bad), bad).toThrow(/SIXTY_FETCH_ALLOW/);
    }
  });
});

describe('address parsing', () => {
  const v4 = fc.tuple(fc.nat(255), fc.nat(255), fc.nat(255), fc.nat(255)).map((o) => o.join('.'));
  const v6 = fc.array(fc.nat(0xffff), { minLength: 8, maxLength: 8 });

  it('reads every dotted IPv4 address as Node does', () => {
    fc.assert(
      fc.property(v4, (text) => {
        expect(formatIp(parseIp(text)!)).toBe(text);
      }),
    );
  });

  it('reads IPv6 in every compressed spelling as the same address', () => {
    fc.assert(
      fc.property(v6, fc.nat(7), fc.nat(8), (groups, from, length) => {
        const full = groups.map((g) => g.toString(16)).join(':');
        const zeroed = groups.map((g, i) => (i >= from && i < from + length ? 0 : g));
        const parts = zeroed.map((g) => g.toString(16));
        const end = Math.min(8, from + Math.max(1, length));
        const compressed = `${parts.slice(0, from).join(':')}::${parts.slice(end).join(':')}`;
        expect(formatIp(parseIp(full)!)).toBe(full);
        expect(isIP(compressed)).toBe(6);
        expect(formatIp(parseIp(compressed)!)).toBe(zeroed.map((g, i) => (i >= from && i < end ? '0' : g.toString(16))).join(':'));
      }),
    );
  });

  it('agrees with Node on which strings are addresses', () => {
    const alphabet = fc.constantFrom(...'0123456789abcdef:.'.split(''));
    fc.assert(
      fc.property(fc.string({ unit: alphabet, maxLength: 24 }), (text) => {
        expect(parseIp(text)?.family ?? 0).toBe(isIP(text));
      }),
    );
  });

  it('puts an address in a range exactly when it shares the leading bits of the range', () => {
    fc.assert(
      fc.property(v4, fc.integer({ min: 0, max: 32 }), fc.nat(31), (text, prefix, bit) => {
        const ip = parseIp(text)!;
        const range = parseCidr(`${text}/${prefix}`)!;
        // Flipping bit `bit` (0 = lowest) leaves the range only when that bit is inside the prefix.
        const flipped = { family: 4 as const, value: ip.value ^ (1n << BigInt(bit)) };
        expect(inCidr(ip, range)).toBe(true);
        expect(inCidr(flipped, range)).toBe(bit < 32 - prefix);
      }),
    );
  });
});
