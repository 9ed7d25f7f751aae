import { describe, expect, it } from 'vitest';
import { csvCell, csvLine } from './csv';

describe('csv', () => {
  it.each([
    ['=HYPERLINK("http://evil","x")', `"'=HYPERLINK(""http://evil"",""x"")"`],
    ['+1+1', "'+1+1"],
    ['-2+3', "'-2+3"],
    ['@SUM(A1)', "'@SUM(A1)"],
    ['\t=1', "'\t=1"],
    ['\r=1', `"'\r=1"`],
    ['+14155552671', '+14155552671'],
    ['+1 415 555 2671', "'+1 415 555 2671"],
    ['plain', 'plain'],
    ['a,b', '"a,b"'],
    ['line\nbreak', '"line\nbreak"'],
    ['', ''],
  ])('%j -> %j', (input, out) => {
    expect(csvCell(input)).toBe(out);
  });

  it('leaves numbers and empty values alone', () => {
    expect(csvLine([-5, null, undefined, 3.5])).toBe('-5,,,3.5\r\n');
  });
});
