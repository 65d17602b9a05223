import { ConfigError, EnvReader } from '../config/env';
import { DEFAULT_ABUSE_LIMITS, readAbuseLimits } from './abuse-limits';

describe(readAbuseLimits.name, () => {
  it('takes the generous defaults when nothing is set', () => {
    expect(readAbuseLimits(new EnvReader({}))).toEqual(DEFAULT_ABUSE_LIMITS);
    expect(DEFAULT_ABUSE_LIMITS).toEqual({
      rate: { windowSeconds: 60, perSubject: 3000, perAddress: 600 },
      bodyKilobytes: 100,
      trustProxy: false,
    });
  });

  it('reads every limit from the environment', () => {
    const env = new EnvReader({
      RATE_LIMIT_WINDOW_SECONDS: '10',
      RATE_LIMIT_PER_SUBJECT: '50',
      RATE_LIMIT_PER_ADDRESS: '5',
      BODY_LIMIT_KB: '16',
      TRUST_PROXY: 'loopback',
    });
    expect(readAbuseLimits(env)).toEqual({
      rate: { windowSeconds: 10, perSubject: 50, perAddress: 5 },
      bodyKilobytes: 16,
      trustProxy: 'loopback',
    });
    expect(readAbuseLimits(new EnvReader({ TRUST_PROXY: 'off' })).trustProxy).toBe(false);
  });

  it('refuses a limit that would switch the protection off or break the store, naming the variable', () => {
    expect(() => readAbuseLimits(new EnvReader({ RATE_LIMIT_PER_SUBJECT: '0' }))).toThrow(
      new ConfigError('RATE_LIMIT_PER_SUBJECT', 'must be >= 1, got 0'),
    );
    expect(() => readAbuseLimits(new EnvReader({ RATE_LIMIT_PER_ADDRESS: '1000000' }))).toThrow(/RATE_LIMIT_PER_ADDRESS: must be <= 50000/);
    expect(() => readAbuseLimits(new EnvReader({ RATE_LIMIT_WINDOW_SECONDS: 'a minute' }))).toThrow(
      /RATE_LIMIT_WINDOW_SECONDS: must be an integer/,
    );
    expect(() => readAbuseLimits(new EnvReader({ BODY_LIMIT_KB: '0' }))).toThrow(/BODY_LIMIT_KB: must be >= 1/);
  });
});
