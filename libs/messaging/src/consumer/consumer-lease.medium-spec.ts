import { MediumDatabase, mediumDatabase } from '@jobbspar/testing';
import { randomUUID } from 'node:crypto';
import { ConsumerLease } from './consumer-lease';

const until = async (check: () => boolean, ms = 10_000): Promise<void> => {
  const deadline = Date.now() + ms;
  while (!check()) {
    if (Date.now() > deadline) throw new Error('timed out');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
};

describe(ConsumerLease.name, () => {
  let db: MediumDatabase;
  beforeAll(async () => {
    db = await mediumDatabase({ schema: 'lease_spec', migrations: [] });
  });
  afterAll(() => db.close());

  const replica = (name: string, events: string[], who: string, retryMs = 100): ConsumerLease =>
    new ConsumerLease({
      databaseUrl: db.url,
      name,
      retryMs,
      acquired: async () => void events.push(`${who} consumes`),
      lost: async () => void events.push(`${who} stops`),
    });

  it('lets one replica hold it; the standby takes it when the holder gives it back', async () => {
    const name = `group-${randomUUID()}`;
    const events: string[] = [];
    const [a, b] = [replica(name, events, 'a'), replica(name, events, 'b')];
    await a.start();
    await b.start();
    expect([a.held, b.held]).toEqual([true, false]);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(events).toEqual(['a consumes']);
    await a.stop();
    await until(() => b.held);
    expect(events).toEqual(['a consumes', 'a stops', 'b consumes']);
    await b.stop();
  });

  it('stops the holder whose connection dies (as if its process did) and hands the lease on', async () => {
    const name = `group-${randomUUID()}`;
    const events: string[] = [];
    // a asks again only after 5 s: the standby, asking every 100 ms, is the one to take over (with both at 100 ms,
    // a could win its own lease back first on a loaded machine).
    const [a, b] = [replica(name, events, 'a', 5_000), replica(name, events, 'b')];
    await a.start();
    await b.start();
    // The server ends a's session, the one holding the advisory lock (not the standby's asking connection): its
    // lock goes with it.
    const killed = await db.query<{ ok: boolean }>(
      `SELECT pg_terminate_backend(l.pid) AS ok FROM pg_locks l JOIN pg_stat_activity s ON s.pid = l.pid
       WHERE l.locktype = 'advisory' AND l.granted AND s.application_name = $1`,
      [`lease:${name}`.slice(0, 63)],
    );
    expect(killed).toEqual([{ ok: true }]);
    await until(() => events.includes('a stops') && b.held);
    expect(events.slice(0, 3)).toEqual(['a consumes', 'a stops', 'b consumes']);
    // a keeps asking and stays on standby while b holds it.
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(a.held).toBe(false);
    await Promise.all([a.stop(), b.stop()]);
  });
});
