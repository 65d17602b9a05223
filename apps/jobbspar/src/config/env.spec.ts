import { ConfigError, EnvReader, readServiceConfig } from '@jobbspar/platform';
import { readJobbsparConfig } from './env';

const KEY = Buffer.alloc(32, 3).toString('base64');
const read = (env: Record<string, string>) =>
  readJobbsparConfig(new EnvReader({ CANDIDATE_MASTER_KEY: KEY, ...env }), { dataDir: '/tmp/jobbspar-data' });

describe(readJobbsparConfig.name, () => {
  it('reads the shared settings exactly as a service does, but lets DATABASE_URL be absent (embedded PostgreSQL)', () => {
    const env = { KAFKA_BROKERS: '127.0.0.1:9092', TOPIC_PREFIX: 'x.', CONSUMER_GROUP_PREFIX: 'y.', PORT: '4000' };
    const config = read(env);

    expect(config.databaseUrl).toBeUndefined();
    const url = 'postgres://u:p@127.0.0.1:5432/db';
    // DATABASE_SERVICE_URL is for a service alone: npm start derives each service's login role from the owner.
    const {
      databaseUrl,
      auth,
      databaseServiceUrl: _one,
      ...shared
    } = readServiceConfig(new EnvReader({ ...env, DATABASE_URL: url }), {
      port: 3001,
      issuer: 'http://127.0.0.1:1/oidc',
    });
    expect(auth.issuer).toBe('http://127.0.0.1:1/oidc');
    expect(read({ ...env, DATABASE_URL: url }).databaseUrl).toBe(databaseUrl);
    expect(config).toMatchObject(shared);
    expect(config).toMatchObject({ kafkaBrokers: ['127.0.0.1:9092'], topicPrefix: 'x.', groupPrefix: 'y.', port: 4000 });
  });

  it('runs the embedded provider unless OIDC_ISSUER names another one, read as a service reads it', () => {
    expect(read({}).externalAuth).toBeUndefined();
    const issuer = 'https://login.example.se/realms/jobbspar';
    expect(read({ OIDC_ISSUER: issuer, OIDC_AUDIENCE: 'api' }).externalAuth).toMatchObject({ issuer, audience: 'api' });
    expect(() => read({ OIDC_ISSUER: 'ftp://x' })).toThrow(/OIDC_ISSUER: must be an http\(s\) URL/);
  });

  it('defaults to port 3000, demo data and the given data directory', () => {
    expect(read({})).toMatchObject({ port: 3000, demoData: true, dataDir: '/tmp/jobbspar-data', topicPrefix: 'jobbspar.' });
    expect(read({ DEMO_DATA: 'false', DATA_DIR: '/srv/jobbspar' })).toMatchObject({ demoData: false, dataDir: '/srv/jobbspar' });
  });

  it("checks every service's own settings before anything starts", () => {
    expect(read({}).settings.candidate.masterKey).toEqual(Buffer.alloc(32, 3));
    expect(() => read({ CANDIDATE_MASTER_KEY: 'too-short' })).toThrow(ConfigError);
    expect(() => read({ PORT: '70000' })).toThrow(/PORT: must be <= 65535/);
    expect(() => read({ DATABASE_URL: 'mysql://h/db' })).toThrow(/DATABASE_URL: must use the postgres:\/\/ scheme/);
  });
});
