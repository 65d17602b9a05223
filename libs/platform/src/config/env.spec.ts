import { ConfigError, EnvReader } from './env';

describe(EnvReader.name, () => {
  const reader = (env: Record<string, string>) => new EnvReader(env);

  it('names the variable and the problem for an unparseable DATABASE_URL', () => {
    expect(() => reader({ DATABASE_URL: 'not a url' }).postgresUrl('DATABASE_URL')).toThrow(
      new ConfigError('DATABASE_URL', 'is not a valid URL (expected postgres://user:password@host:port/database)'),
    );
    expect(() => reader({ DATABASE_URL: 'mysql://h/db' }).postgresUrl('DATABASE_URL')).toThrow(
      /DATABASE_URL: must use the postgres:\/\/ scheme/,
    );
    expect(reader({ DATABASE_URL: 'postgres://u:p@127.0.0.1:5432/db' }).postgresUrl('DATABASE_URL')).toBe(
      'postgres://u:p@127.0.0.1:5432/db',
    );
    expect(reader({}).postgresUrl('DATABASE_URL')).toBeUndefined();
  });

  it('rejects broker lists that are not host:port', () => {
    expect(reader({ KAFKA_BROKERS: 'localhost:9092, 127.0.0.1:9093' }).brokers('KAFKA_BROKERS')).toEqual([
      'localhost:9092',
      '127.0.0.1:9093',
    ]);
    expect(() => reader({ KAFKA_BROKERS: 'localhost' }).brokers('KAFKA_BROKERS')).toThrow('KAFKA_BROKERS: "localhost" is not host:port');
    expect(() => reader({ KAFKA_BROKERS: ' , ' }).brokers('KAFKA_BROKERS')).toThrow('KAFKA_BROKERS: lists no broker');
  });

  it('checks integers, ranges, booleans and enumerations', () => {
    expect(reader({ PORT: '3001' }).int('PORT', 3000)).toBe(3001);
    expect(reader({}).int('PORT', 3000)).toBe(3000);
    expect(() => reader({ PORT: 'abc' }).int('PORT', 3000)).toThrow('PORT: must be an integer, got "abc"');
    expect(() => reader({ PORT: '70000' }).int('PORT', 3000, { max: 65535 })).toThrow('PORT: must be <= 65535, got 70000');
    expect(reader({ DEMO_DATA: 'false' }).bool('DEMO_DATA', true)).toBe(false);
    expect(() => reader({ DEMO_DATA: 'maybe' }).bool('DEMO_DATA', true)).toThrow('DEMO_DATA: must be true or false');
    expect(() => reader({ LOG_LEVEL: 'loud' }).oneOf('LOG_LEVEL', ['info', 'debug'] as const, 'info')).toThrow(
      'LOG_LEVEL: must be one of info, debug, got "loud"',
    );
  });

  it('requires a variable that has no default', () => {
    expect(() => reader({}).string('CANDIDATE_MASTER_KEY')).toThrow('CANDIDATE_MASTER_KEY: is required but not set');
    expect(reader({}).string('TOPIC_PREFIX', 'jobbspar.')).toBe('jobbspar.');
  });
});
