import { spawn } from 'node:child_process';
import { freePort } from '@jobbspar/infra';
import { builtEntry, ROOT } from '../support/processes';

/** Runs an entry point, compiled, as `npm start` would and returns its exit code and output. */
function run(entry: string, env: Record<string, string>): Promise<{ code: number | null; stderr: string; stdout: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--enable-source-maps', builtEntry(entry)], {
      cwd: ROOT,
      env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', LOG_LEVEL: 'error', ...env },
    });
    let stderr = '';
    let stdout = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.on('exit', (code) => resolve({ code, stderr, stdout }));
  });
}

/** Bad configuration stops start-up with one line naming the variable and the problem, not a stack trace. */
describe('start-up with bad configuration', () => {
  it.each([
    [
      'an unparseable DATABASE_URL',
      'apps/jobbspar/src/main.ts',
      { DATABASE_URL: 'postgres//nohost' },
      /^configuration error: DATABASE_URL: is not a valid URL/,
    ],
    [
      'a DATABASE_URL with another scheme',
      'apps/jobbspar/src/main.ts',
      { DATABASE_URL: 'mysql://u:p@127.0.0.1/db' },
      /^configuration error: DATABASE_URL: must use the postgres:\/\/ scheme/,
    ],
    [
      'a PORT that is not a number',
      'apps/jobbspar/src/main.ts',
      { PORT: 'eighty' },
      /^configuration error: PORT: must be an integer, got "eighty"/,
    ],
    [
      'a malformed KAFKA_BROKERS',
      'apps/employer-service/src/main.ts',
      { DATABASE_URL: 'postgres://u:p@127.0.0.1:1/db', KAFKA_BROKERS: 'localhost' },
      /^configuration error: KAFKA_BROKERS: "localhost" is not host:port/,
    ],
    [
      'a service without OIDC_ISSUER',
      'apps/employer-service/src/main.ts',
      { DATABASE_URL: 'postgres://u:p@127.0.0.1:1/db', KAFKA_BROKERS: '127.0.0.1:1' },
      /^configuration error: OIDC_ISSUER: is required: the OpenID Connect provider whose tokens the service accepts/,
    ],
    [
      'an OIDC_ISSUER that is not a URL',
      'apps/jobbspar/src/main.ts',
      { OIDC_ISSUER: 'keycloak' },
      /^configuration error: OIDC_ISSUER: is not a URL, got "keycloak"/,
    ],
    [
      'a service without KAFKA_BROKERS',
      'apps/matching-service/src/main.ts',
      { DATABASE_URL: 'postgres://u:p@127.0.0.1:1/db', OIDC_ISSUER: 'http://127.0.0.1:1' },
      /^configuration error: KAFKA_BROKERS: is required when a service runs on its own/,
    ],
    [
      'a service without DATABASE_URL',
      'apps/candidate-service/src/main.ts',
      { KAFKA_BROKERS: '127.0.0.1:1' },
      /^configuration error: DATABASE_URL: is required when a service runs on its own/,
    ],
    [
      'a CANDIDATE_MASTER_KEY that is not 32 bytes, in the one-process mode too',
      'apps/jobbspar/src/main.ts',
      { CANDIDATE_MASTER_KEY: 'c2hvcnQ=' },
      /^configuration error: CANDIDATE_MASTER_KEY: must be 32 bytes, base64-encoded/,
    ],
    [
      'a matching setting out of range, in the one-process mode too',
      'apps/jobbspar/src/main.ts',
      { MATCH_PROPOSALS_PER_POSITION: '0' },
      /^configuration error: MATCH_PROPOSALS_PER_POSITION: must be >= 1, got 0/,
    ],
  ])('stops on %s with one line', async (_, entry, env, line) => {
    const result = await run(entry, env as Record<string, string>);
    expect(result.code).toBe(1);
    expect(result.stderr.trim().split('\n')).toEqual([expect.stringMatching(line)]);
    expect(result.stderr).not.toMatch(/\n\s+at /);
  });

  it('names DATABASE_URL when no database answers there', async () => {
    const port = await freePort();
    const result = await run('apps/employer-service/src/main.ts', {
      DATABASE_URL: `postgres://u:secret@127.0.0.1:${port}/db`,
      KAFKA_BROKERS: process.env.TEST_KAFKA_BROKERS ?? '127.0.0.1:1',
      OIDC_ISSUER: 'http://127.0.0.1:1',
    });
    expect(result.code).toBe(1);
    expect(result.stderr.trim()).toMatch(
      new RegExp(`^configuration error: DATABASE_URL: cannot connect to postgres://u:\\*\\*\\*@127.0.0.1:${port}/db`),
    );
    expect(result.stderr).not.toContain('secret');
  });

  it('names KAFKA_BROKERS when no broker answers there', async () => {
    const port = await freePort();
    const result = await run('apps/jobbspar/src/main.ts', {
      DATABASE_URL: process.env.TEST_DATABASE_URL ?? '',
      KAFKA_BROKERS: `127.0.0.1:${port}`,
      DEMO_DATA: 'false',
    });
    expect(result.code).toBe(1);
    expect(result.stderr.trim()).toMatch(new RegExp(`^configuration error: KAFKA_BROKERS: no Kafka broker answers at 127.0.0.1:${port}`));
  });
});
