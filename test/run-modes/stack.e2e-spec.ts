import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { freePortRange, isAlive, RunningProcess, runBuilt } from '../support/processes';

/**
 * `npm run stack` with a broker and a database of its own: when one service dies (here SIGKILL, so it has no exit
 * code), the stack stops the other services, the Kafka broker and PostgreSQL, and exits non-zero on its own.
 */
describe('npm run stack when a service dies', () => {
  let dataDir: string;
  let stack: RunningProcess | undefined;

  beforeAll(async () => {
    dataDir = await mkdtemp(path.join(tmpdir(), 'jobbspar-stack-'));
  });

  afterAll(async () => {
    if (stack && stack.child.exitCode === null && stack.child.signalCode === null) {
      stack.child.kill('SIGINT');
      await stack.exited(60_000).catch(() => undefined);
    }
    await rm(dataDir, { recursive: true, force: true });
  });

  it('stops everything, Kafka and PostgreSQL included, and exits 1', async () => {
    stack = runBuilt('scripts/stack.ts', {
      DATA_DIR: dataDir,
      STACK_BASE_PORT: String((await freePortRange(5)) + 1),
      DEMO_DATA: 'false',
    });
    await stack.waitForLine(/"msg":"stack ready"/, 180_000);
    const starting = JSON.parse(stack.lines.find((l) => l.includes('"msg":"stack starting"'))!) as { pids: Record<string, number> };
    const pids = starting.pids;
    expect(Object.keys(pids).sort()).toEqual([
      'candidate-service',
      'employer-service',
      'follow-up-service',
      'front',
      'kafka',
      'matching-service',
      'postgres',
    ]);
    expect(starting).toMatchObject({ databaseUrl: expect.stringContaining(':***@') });
    // The embedded server's password is "postgres": no log line of the stack, its services or its servers shows it.
    expect(stack.lines.filter((l) => l.includes(':postgres@'))).toEqual([]);

    process.kill(pids['matching-service'], 'SIGKILL');
    // A bound, not a speed assertion: before the fix the stack waited forever for the killed child.
    const { code } = await stack.exited(60_000);
    expect(code).toBe(1);
    for (const [name, pid] of Object.entries(pids)) expect([name, isAlive(pid)]).toEqual([name, false]);
    expect(
      stack.lines.some((l) => /"msg":"a service exited; stopping the stack".*"service":"matching-service".*"signal":"SIGKILL"/.test(l)),
    ).toBe(true);
  }, 300_000);
});
