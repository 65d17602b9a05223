import { CandidateRegisteredV1, Contract, createEnvelope, EventEnvelope, NeedPostedV1, TaskValidatedV1, Topics } from '@jobbspar/contracts';
import { candidateProfile, freshTasks, needSnapshot, validation } from '../matching/matching-fixture';
import { as } from '../support/auth';
import { createTestDatabase, testInfra, uniqueName } from '../support/infra';
import { KafkaProbe } from '../support/kafka-probe';
import { RunningProcess } from '../support/processes';
import { killAll, progress, queryDatabase, reportFigures, scale, startServiceProcess, until } from './fault-harness';

const SCENARIO = 'active matching replica SIGKILLed, the standby takes over';

/**
 * Two matching-service processes on one database and broker: one holds the consumer lease and solves, the other
 * stands by. The active one is SIGKILLed while the stream flows; the standby takes the lease, joins the group,
 * rebuilds the assignment from match_edges and goes on from the committed offsets. Every pair (one need, the one
 * candidate who holds its task) is proposed exactly once, and every event is applied once.
 */
describe('fault: the active matching replica SIGKILLed', () => {
  const PAIRS = scale(12, 120);
  let drop: () => Promise<void>;
  let databaseUrl: string;
  let prefix: string;
  let probe: KafkaProbe;
  const replicas: RunningProcess[] = [];

  beforeAll(async () => {
    const database = await createTestDatabase('mfail');
    drop = database.drop;
    databaseUrl = database.url;
    prefix = `${uniqueName('mfail')}.`;
    probe = new KafkaProbe(testInfra().brokers);
    await probe.watch([`${prefix}${Topics.proposals}`]);
  });

  afterAll(async () => {
    await killAll(replicas);
    await probe?.close();
    await drop?.();
  });

  const startReplica = async (): Promise<RunningProcess & { url: string }> => {
    const replica = await startServiceProcess('apps/matching-service/src/main.ts', { databaseUrl, prefix });
    replicas.push(replica);
    return replica;
  };
  const rebuilds = (replica: RunningProcess): number => replica.lines.filter((l) => l.includes('"msg":"assignment rebuilt"')).length;

  const envelope = <P extends object>(contract: Contract<P>, payload: P, aggregateId: string, version: number): EventEnvelope<P> =>
    createEnvelope(contract, payload, {
      producer: contract.topic.startsWith('employer.') ? 'employer-service' : 'candidate-service',
      tenant: 'se-14',
      aggregateId,
      aggregateVersion: version,
      actor: 'test:faults',
    });

  /** One need and the one candidate who holds its task (tasks are fresh per pair): exactly one proposal each. */
  const sendPairs = async (count: number, sent: EventEnvelope<object>[]): Promise<Array<{ need: string; candidate: string }>> => {
    const pairs: Array<{ need: string; candidate: string }> = [];
    for (let i = 0; i < count; i++) {
      const tasks = freshTasks();
      const need = needSnapshot(tasks);
      const profile = candidateProfile();
      const id = profile.candidateId;
      const events = [
        envelope(NeedPostedV1, need, need.needId, need.revision),
        envelope(CandidateRegisteredV1, profile, id, 1),
        envelope(TaskValidatedV1, validation(id, tasks.lunch, 2), id, 2),
      ];
      await probe.produce(`${prefix}${Topics.needs}`, [{ key: need.needId, value: JSON.stringify(events[0]) }]);
      await probe.produce(
        `${prefix}${Topics.candidates}`,
        events.slice(1).map((e) => ({ key: id, value: JSON.stringify(e) })),
      );
      sent.push(...events);
      pairs.push({ need: need.needId, candidate: id });
    }
    return pairs;
  };

  const query = <T>(sql: string, params: unknown[] = []): Promise<T[]> => queryDatabase<T>(databaseUrl, sql, params);
  const proposalsOf = async (pairs: Array<{ need: string; candidate: string }>): Promise<number> =>
    (
      await query<{ n: number }>(
        `SELECT count(*)::int AS n FROM matching.proposals p JOIN unnest($1::uuid[], $2::uuid[]) AS x(need, candidate)
           ON p.need_id = x.need AND p.candidate_id = x.candidate`,
        [pairs.map((p) => p.need), pairs.map((p) => p.candidate)],
      )
    )[0].n;

  it('proposes every pair exactly once across the kill', async () => {
    const started = Date.now();
    const first = await startReplica();
    await first.waitForLine(/"msg":"took the lease"/, 60_000);
    const second = await startReplica();
    await second.waitForLine(/"msg":"standby: another replica holds the lease"/, 60_000);
    progress(SCENARIO, 'one active replica, one on standby', { pairs: PAIRS });
    // The standby never joined the group: it consumed nothing.
    expect(second.lines.some((l) => l.includes('"msg":"consuming"'))).toBe(false);

    const sent: EventEnvelope<object>[] = [];
    const before = await sendPairs(PAIRS, sent);
    await until(async () => (await proposalsOf(before)) >= PAIRS / 2, 120_000, 'half of the first pairs proposed');
    // A review on the standby is matching work too: it takes the solver's turn (rebuilding its model first), and the
    // active replica, whose model predates that turn, rebuilds before its next piece of work.
    const [reviewed] = await query<{ proposal_id: string; need_id: string; candidate_id: string }>(
      `SELECT proposal_id, need_id, candidate_id FROM matching.proposals WHERE status = 'proposed' LIMIT 1`,
    );
    const rebuildsBefore = rebuilds(first);
    const rejected = await fetch(`${second.url}/matching/proposals/${reviewed.proposal_id}/reject`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...as('coordinator.skovde') },
      body: JSON.stringify({ reasonCode: 'other', comment: 'fault suite' }),
    });
    expect(rejected.status).toBe(200);
    const between = await sendPairs(1, sent);
    await until(async () => (await proposalsOf(between)) === 1, 60_000, 'a pair proposed after the review');
    expect(rebuilds(first)).toBeGreaterThan(rebuildsBefore);
    // Mid-stream: what it had applied but not committed is redelivered to the standby; its transaction in flight dies.
    first.child.kill('SIGKILL');
    const killedAt = Date.now();
    await first.exited(10_000);
    const proposedAtKill = await proposalsOf(before);
    progress(SCENARIO, 'active replica killed', { proposedAtKill });
    const after = await sendPairs(PAIRS, sent);
    await second.waitForLine(/"msg":"took the lease"/, 60_000);
    const leaseTakenMs = Date.now() - killedAt;
    const all = [...before, ...between, ...after];
    await until(async () => (await proposalsOf(all)) >= all.length, 120_000, 'every pair proposed');
    const allProposedMs = Date.now() - killedAt;
    // Anything proposed twice would show up as a second row or a second event: give stragglers a moment.
    await new Promise((resolve) => setTimeout(resolve, 1000));
    await probe.settle();

    const perPair = await query<{ n: number }>(
      `SELECT count(*)::int AS n FROM matching.proposals GROUP BY need_id, candidate_id HAVING count(*) > 1`,
    );
    const created = probe.envelopes(`${prefix}${Topics.proposals}`).filter((e) => e.type === 'ProposalCreated');
    const createdIds = new Map<string, Set<string>>();
    for (const e of created) {
      const key = `${String(e.payload.needId)}|${String(e.payload.candidateId)}`;
      createdIds.set(key, (createdIds.get(key) ?? new Set()).add(e.eventId));
    }
    const inbox = await query<{ n: number }>(
      `SELECT count(DISTINCT event_id)::int AS n FROM matching.inbox WHERE event_id = ANY($1::uuid[])`,
      [sent.map((e) => e.eventId)],
    );
    const eventsTwice = [...createdIds.values()].filter((ids) => ids.size > 1).length;
    reportFigures(SCENARIO, {
      sent: sent.length,
      applied: inbox[0].n,
      lost: sent.length - inbox[0].n,
      appliedTwice: perPair.length + eventsTwice,
      seconds: Math.round((Date.now() - started) / 100) / 10,
      pairs: all.length,
      proposed: createdIds.size,
      proposedAtKill,
      // ProposalCreated records published again (the dead replica's relay acknowledged, not yet marked): same event id.
      republished: created.length - [...createdIds.values()].reduce((n, ids) => n + ids.size, 0),
      standbyConsumingSecondsAfterKill: Math.round(leaseTakenMs / 100) / 10,
      allProposedSecondsAfterKill: Math.round(allProposedMs / 100) / 10,
    });
    expect(inbox[0].n).toBe(sent.length);
    expect(perPair).toEqual([]);
    expect(eventsTwice).toBe(0);
    for (const p of all) expect([p, createdIds.get(`${p.need}|${p.candidate}`)?.size]).toEqual([p, 1]);
    expect(createdIds.size).toBe(all.length);
    // The pair rejected on the standby stays rejected: neither replica proposed it again.
    expect(createdIds.get(`${reviewed.need_id}|${reviewed.candidate_id}`)?.size).toBe(1);
    expect(await query(`SELECT status FROM matching.proposals WHERE proposal_id = $1`, [reviewed.proposal_id])).toEqual([
      { status: 'rejected' },
    ]);
    // The standby took over: it consumes now, and proposals of the second half exist only because of it.
    expect(second.lines.some((l) => l.includes('"msg":"consuming"'))).toBe(true);
  });
});
