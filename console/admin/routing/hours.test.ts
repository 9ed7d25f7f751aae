import { describe, expect, it } from 'vitest';
import { exactZone, matchZones } from './hours';

const ZONES = ['UTC', 'America/New_York', 'America/Chicago', 'Europe/Berlin', 'Europe/Brussels', 'Asia/Kolkata', 'America/Argentina/Buenos_Aires'];

describe('matchZones', () => {
  it('lists every zone for an empty query', () => {
    expect(matchZones(ZONES, '  ')).toEqual(ZONES);
  });

  it('puts zones with a part starting with the text first, then those containing it', () => {
    expect(matchZones(ZONES, 'e')).toEqual(['Europe/Berlin', 'Europe/Brussels', 'America/New_York', 'America/Chicago', 'America/Argentina/Buenos_Aires']);
    expect(matchZones(ZONES, 'bu')).toEqual(['America/Argentina/Buenos_Aires']);
  });

  it('ignores case and reads spaces as underscores', () => {
    expect(matchZones(ZONES, 'new york')).toEqual(['America/New_York']);
    expect(matchZones(ZONES, 'EUROPE/BER')).toEqual(['Europe/Berlin']);
  });

  it('treats pattern characters as plain text', () => {
    expect(matchZones(ZONES, '.*')).toEqual([]);
    expect(matchZones(ZONES, '(a+)+$')).toEqual([]);
  });
});

describe('exactZone', () => {
  it('finds the zone typed in full, in any case', () => {
    expect(exactZone(ZONES, 'europe/berlin')).toBe('Europe/Berlin');
    expect(exactZone(ZONES, 'America/New York')).toBe('America/New_York');
    expect(exactZone(ZONES, 'Berlin')).toBeNull();
  });
});
