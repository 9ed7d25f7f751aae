import { describe, expect, it } from 'vitest';
import { configFromEnv } from '../config';
import { logOutput } from './log-output';

describe('logOutput', () => {
  it('gives a terminal readable lines and keeps requests out of them at the default level', () => {
    expect(logOutput(true, 'auto')).toEqual({ pretty: true, requestLevel: 'debug' });
  });

  it('gives files and pipes JSON with every request at info', () => {
    expect(logOutput(false, 'auto')).toEqual({ pretty: false, requestLevel: 'info' });
  });

  it('lets SIXTY_LOG_FORMAT decide either way', () => {
    expect(logOutput(true, 'json')).toEqual({ pretty: false, requestLevel: 'info' });
    expect(logOutput(false, 'pretty')).toEqual({ pretty: true, requestLevel: 'debug' });
  });
});

describe('SIXTY_LOG_FORMAT', () => {
  const read = (value?: string) => configFromEnv(value === undefined ? {} : { SIXTY_LOG_FORMAT: value }, { distDir: 'dist' }).logFormat;

  it('is auto unless set, and refuses a value it does not know, naming the choices', () => {
    expect(read()).toBe('auto');
    expect(read('json')).toBe('json');
    expect(read('pretty')).toBe('pretty');
    expect(() => read('loud')).toThrow('SIXTY_LOG_FORMAT must be one of auto, json, pretty, got "loud"');
  });
});
