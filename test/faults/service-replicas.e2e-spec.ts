import { createEnvelope, PlacementStartedV1, Topics } from '@jobbspar/contracts';
import { unsentOutboxRow } from '@jobbspar/messaging';
import { randomUUID } from 'node:crypto';
import { as, DemoUser } from '../support/auth';
import { createTestDatabase, testInfra, uniqueName } from '../support/infra';
import { KafkaProbe } from '../support/kafka-probe';
import { RunningProcess } from '../support/processes';
import { killAll, progress, queryDatabase, reportFigures, scale, startServiceProcess, until } from './fault-harness';

const SCENARIO = 'employer- and candidate-service as two replicas each';

const day = (offset: number): string => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);

/**
 * Issue 13's replicas for the services that scale by consumer group: two employer-service and two
 * candidate-service processes on one database and one broker, the two of a service in one consumer group. Writes go
 * to either replica; both relays run at once, yet each outbox row is published once (the relay's per-schema
 * advisory lock and its mark in the same transaction); the group shares the partitions out, and each event is applied
 * once (positions filled, placements recorded). Then one replica of each is SIGKILLed while placements flow: the
 * survivor takes its partitions over and every placement is still applied exactly once.
 */
describe('fault: employer- and candidate-service run as two replicas each', () => {
  const NEEDS = scale(6, 60);
  let drop: () => Promise<void>;
  let databaseUrl: string;
  let prefix: string;
  let probe: KafkaProbe;
  const processes: RunningProcess[] = [];

  beforeAll(async () => {
    const database = await createTestDatabase('replicas');
    drop = database.drop;
    databaseUrl = database.url;
    prefix = `${uniqueName('replicas')}.`;
    probe = new KafkaProbe(testInfra().brokers);
    await probe.watch([Topics.employers, Topics.roles, Topics.needs, Topics.candidates].map((t) => `${prefix}${t}`));
  });

  afterAll(async () => {
    await killAll(processes);
    await probe?.close();
    await drop?.();
  });

  type Replica = RunningProcess & { url: string; name: string };
  const startReplica = async (service: 'employer-service' | 'candidate-service', name: string): Promise<Replica> => {
    const replica = await startServiceProcess(`apps/${service}/src/main.ts`, { databaseUrl, prefix });
    processes.push(replica);
    return { ...replica, name };
  };

  const call = async (replica: Replica, user: DemoUser, method: string, path: string, body?: object) => {
    const response = await fetch(`${replica.url}${path}`, {
      method,
      headers: { 'content-type': 'application/json', ...as(user) },
      body: body ? JSON.stringify(body) : undefined,
    });
    const text = await response.text();
    if (response.status >= 300) throw new Error(`${replica.name} ${method} ${path}: ${response.status} ${text}`);
    return text ? JSON.parse(text) : undefined;
  };

  const query = <T>(sql: string, params: unknown[] = []): Promise<T[]> => queryDatabase<T>(databaseUrl, sql, params);

  /** Every outbox row of a schema published, and how many of them went over the wire more than once. */
  const publication = async (schema: 'employer' | 'candidate') => {
    const rows = await query<{ event_id: string; published: boolean }>(
      `SELECT event_id, NOT ${unsentOutboxRow(schema)} AS published FROM ${schema}.outbox`,
    );
    const onWire = new Map<string, number>();
    for (const e of probe.envelopes()) onWire.set(e.eventId, (onWire.get(e.eventId) ?? 0) + 1);
    return {
      rows: rows.length,
      unpublished: rows.filter((r) => !r.published).length,
      missing: rows.filter((r) => !onWire.has(r.event_id)).length,
      twice: rows.filter((r) => (onWire.get(r.event_id) ?? 0) > 1).length,
    };
  };

  it('takes writes on either replica, publishes each event once and applies each once, also when one of each dies', async () => {
    const started = Date.now();
    // One after the other: the first migrates the schema and creates the service's role, the second finds them.
    const employers = [await startReplica('employer-service', 'employer-1'), await startReplica('employer-service', 'employer-2')];
    const candidates = [await startReplica('candidate-service', 'candidate-1'), await startReplica('candidate-service', 'candidate-2')];
    progress(SCENARIO, 'four processes listening', { needs: NEEDS });

    const org = await call(employers[0], 'admin.vg', 'POST', '/employers', {
      organisationNumber: '212000-1355',
      name: 'Skövde kommun',
      sector: 'public',
      municipalityCode: '1496',
      isMunicipality: true,
    });
    const role = await call(employers[1], 'admin.vg', 'POST', '/roles/standard', { ssyk: '9111' });
    const needs: string[] = [];
    const people: string[] = [];
    for (let i = 0; i < NEEDS; i++) {
      const need = await call(employers[i % 2], 'admin.vg', 'POST', '/needs', {
        employerId: org.id,
        roleId: role.id,
        positions: 2,
        workplaceMunicipality: '1496',
        startDate: day(30),
        placementType: 'work-training',
        support: { supervisorCapacity: 2, pairInternshipAllowed: false, languageSupport: false },
      });
      needs.push(need.id);
      const her = await call(candidates[i % 2], 'coordinator.skovde', 'POST', '/candidates', {
        contact: { name: `Replika ${i}` },
        homeMunicipality: '1496',
        availableFrom: day(-10),
        maxCommuteMinutes: 45,
        interests: ['9111'],
        supportNeeds: { closeSupervision: false, languageSupport: false },
        languages: ['sv'],
        consent: { matching: true },
      });
      people.push(her.candidateId);
    }
    // Each replica took writes, and each holds part of its group's partitions.
    for (const r of [...employers, ...candidates]) expect(r.lines.some((l) => l.includes('"msg":"consuming"'))).toBe(true);

    // candidate-service applied every need once (its job-track read model), whichever replica consumed it.
    await until(
      async () => (await query<{ n: number }>(`SELECT count(*)::int AS n FROM candidate.needs`))[0].n === NEEDS,
      60_000,
      'candidate-service to know every need',
    );
    await until(
      async () => {
        const [e, c] = [await publication('employer'), await publication('candidate')];
        return e.unpublished + e.missing + c.unpublished + c.missing === 0;
      },
      60_000,
      'every outbox row published and seen',
    );
    await probe.settle();
    const [employerOutbox, candidateOutbox] = [await publication('employer'), await publication('candidate')];
    // Two relays on one outbox: each row went out once.
    expect(employerOutbox.twice).toBe(0);
    expect(candidateOutbox.twice).toBe(0);
    const needsApplied = await query<{ n: number }>(
      `SELECT count(*)::int AS n FROM candidate.inbox WHERE event_type IN ('NeedPosted', 'NeedUpdated') GROUP BY event_id HAVING count(*) > 1`,
    );
    expect(needsApplied).toEqual([]);

    // Placements as matching-service would publish them, each record sent twice (at-least-once delivery); one
    // replica of each service is SIGKILLed half-way.
    const placementsTopic = `${prefix}${Topics.placements}`;
    const placements: { placementId: string; needId: string; candidateId: string }[] = [];
    const send = async (i: number) => {
      const placementId = randomUUID();
      const payload = {
        placementId,
        proposalId: randomUUID(),
        needId: needs[i],
        candidateId: people[i],
        employerId: org.id,
        placementType: 'work-training' as const,
        startDate: day(30),
        support: { supervisor: true, languageSupport: false, studyCounselling: false },
      };
      const envelope = createEnvelope(PlacementStartedV1, payload, {
        producer: 'matching-service',
        tenant: 'se-14',
        aggregateId: placementId,
        aggregateVersion: 1,
        actor: 'test:faults',
      });
      const record = { key: placementId, value: JSON.stringify(envelope) };
      await probe.produce(placementsTopic, [record, record]);
      placements.push({ placementId, needId: needs[i], candidateId: people[i] });
    };
    const half = Math.ceil(NEEDS / 2);
    for (let i = 0; i < half; i++) await send(i);
    employers[0].child.kill('SIGKILL');
    candidates[0].child.kill('SIGKILL');
    const killedAt = Date.now();
    await Promise.all([employers[0].exited(10_000), candidates[0].exited(10_000)]);
    progress(SCENARIO, 'one replica of each SIGKILLed', { placementsSent: half });
    for (let i = half; i < NEEDS; i++) await send(i);
    // A write on the survivor meanwhile.
    await call(employers[1], 'admin.vg', 'POST', '/roles/standard', { ssyk: '5120' });

    const filled = async () =>
      query<{ id: string; positions_filled: number }>(`SELECT id, positions_filled FROM employer.needs WHERE id = ANY($1::uuid[])`, [
        needs,
      ]);
    const recorded = async () =>
      query<{ placement_id: string; n: number }>(
        `SELECT placement_id, count(*)::int AS n FROM candidate.placements WHERE candidate_id = ANY($1::uuid[]) GROUP BY placement_id`,
        [people],
      );
    await until(
      async () =>
        (await filled()).filter((n) => n.positions_filled > 0).length === NEEDS && (await recorded()).length === placements.length,
      120_000,
      'every placement applied by the survivors',
    );
    const appliedMs = Date.now() - killedAt;
    // Anything applied twice would show up as a second position filled: give stragglers a moment.
    await new Promise((resolve) => setTimeout(resolve, 1000));
    const positions = await filled();
    const rows = await recorded();
    const employerInbox = await query<{ n: number }>(
      `SELECT count(DISTINCT event_id)::int AS n FROM employer.inbox WHERE event_type = 'PlacementStarted'`,
    );
    reportFigures(SCENARIO, {
      sent: placements.length,
      applied: employerInbox[0].n,
      // Each placement's record was sent twice.
      redelivered: placements.length,
      lost: placements.length - employerInbox[0].n,
      appliedTwice: positions.filter((n) => n.positions_filled > 1).length + rows.filter((r) => r.n > 1).length,
      seconds: Math.round((Date.now() - started) / 100) / 10,
      needs: NEEDS,
      outboxRows: employerOutbox.rows + candidateOutbox.rows,
      outboxRowsPublishedTwice: employerOutbox.twice + candidateOutbox.twice,
      appliedSecondsAfterKill: Math.round(appliedMs / 100) / 10,
    });
    expect(positions.map((n) => n.positions_filled)).toEqual(needs.map(() => 1));
    expect(rows.map((r) => r.n)).toEqual(placements.map(() => 1));
    expect(employerInbox[0].n).toBe(placements.length);
    // The survivors took the dead replicas' partitions: the second half was applied only because of them.
    expect(employers[1].child.exitCode).toBeNull();
    expect(candidates[1].child.exitCode).toBeNull();
  });
});
