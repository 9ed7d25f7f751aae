import { describe, expect, it } from 'vitest';
import { scrub } from './scrub';

describe('scrub', () => {
  it('hides the password wherever it stands alone, and only there', () => {
    expect(scrub('password authentication failed for "sixty" using s3cret', 's3cret')).toBe('password authentication failed for "sixty" using ***');
    expect(scrub('s3cret s3cret_x xs3cret (s3cret)', 's3cret')).toBe('*** s3cret_x xs3cret (***)');
    expect(scrub('database "sixty_t_x" does not exist', 'sixty')).toBe('database "sixty_t_x" does not exist');
    expect(scrub('nothing here', '')).toBe('nothing here');
  });

  it('treats regex characters in the password as text', () => {
    expect(scrub('got a.*b+ and axxb', 'a.*b+')).toBe('got *** and axxb');
    expect(scrub('(a+)+$ (a+)+$', '(a+)+$')).toBe('*** ***');
  });
});
