import 'reflect-metadata';
import { DataSource } from 'typeorm';
import { CandidateRegisteredV1, ConsentChangedV1, TaskValidatedV1 } from '@jobbspar/contracts';
import { asService } from '@jobbspar/platform';
import { as, authed } from '../support/auth';
import { testInfra } from '../support/infra';
import { eventually, KafkaProbe } from '../support/kafka-probe';
import type { TestStack } from '../support/stack';
import { candidateProfile, EventDriver, LIDKOPING, SKOVDE, startMatchingOnly, validation } from './matching-fixture';

const LUNCH = 'kitchen.serve-school-lunch';
const DISHES = 'kitchen.dishwashing';

interface Preview {
  inReach: number;
  qualify: number;
  oneValidationAway: number;
  closingValidations: Array<{ taskId: string; requiredLevel: number; missing: number; belowLevel: number }>;
}

/**
 * The role designer's supply preview on matching-service alone, its read models fed by contract events on the real
 * broker (a database of the suite's own, so the counts are this suite's candidates only): the figures follow what
 * candidate-service announces — a certified task, a withdrawn consent — and the commute of the workplace asked about.
 */
jest.setTimeout(60_000);

describe('POST /matching/supply-preview on the live read models', () => {
  let stack: TestStack;
  let probe: KafkaProbe;
  let events: EventDriver;

  const preview = async (workplaceMunicipality: string, user: Parameters<typeof as>[0] = 'hr.skovde'): Promise<Preview> =>
    (
      await authed(stack.apps.matching!.getHttpServer(), as(user))
        .post('/matching/supply-preview')
        .send({
          workplaceMunicipality,
          tasks: [
            { taskId: LUNCH, requiredLevel: 2, weight: 'must-have' },
            { taskId: DISHES, requiredLevel: 2, weight: 'must-have' },
          ],
        })
        .expect(200)
    ).body;

  async function registered(over: Parameters<typeof candidateProfile>[0], levels: Record<string, 1 | 2 | 3>): Promise<string> {
    const profile = candidateProfile(over);
    await events.publish(CandidateRegisteredV1, profile, profile.candidateId, 1);
    let revision = 1;
    for (const [task, level] of Object.entries(levels)) {
      await events.publish(TaskValidatedV1, validation(profile.candidateId, task, level), profile.candidateId, ++revision);
    }
    return profile.candidateId;
  }

  beforeAll(async () => {
    stack = await startMatchingOnly();
    probe = new KafkaProbe(testInfra().brokers);
    events = new EventDriver(stack, probe);
  });

  afterAll(async () => {
    await probe?.close();
    await stack?.close();
  });

  it('counts who qualifies and who is one validation away, and follows a certification and a withdrawn consent', async () => {
    // Skövde: one with both must-haves, one missing the dishes, one without consent; in Lidköping (57 min away),
    // one who commutes at most 30 minutes.
    const both = await registered({ homeMunicipality: SKOVDE }, { [LUNCH]: 2, [DISHES]: 2 });
    const lunchOnly = await registered({ homeMunicipality: SKOVDE, maxCommuteMinutes: 60 }, { [LUNCH]: 3 });
    await registered({ homeMunicipality: LIDKOPING, maxCommuteMinutes: 30 }, { [LUNCH]: 2, [DISHES]: 2 });
    await registered({ homeMunicipality: SKOVDE, matchingConsent: false }, { [LUNCH]: 2, [DISHES]: 2 });

    // Events arrive one by one: wait for the state all four lead to (a wrong count times out here).
    const first = await eventually(
      async () => {
        const p = await preview(SKOVDE);
        return p.inReach === 2 && p.qualify === 1 && p.oneValidationAway === 1 && p;
      },
      20_000,
      'two in reach of Skövde, one qualifying, one a validation away',
    );
    expect(first.closingValidations).toEqual([{ taskId: DISHES, requiredLevel: 2, missing: 1, belowLevel: 0 }]);

    // A workplace in Lidköping: she who lives there counts too, and so do the two in Skövde who commute up to an hour.
    await eventually(
      async () => {
        const p = await preview(LIDKOPING);
        return p.inReach === 3 && p.qualify === 2 && p.oneValidationAway === 1;
      },
      20_000,
      'three in reach of Lidköping, two qualifying, one a validation away',
    );

    // The missing task certified (level 1, below the role's): still one away, now "below the level".
    const belowLevel = validation(lunchOnly, DISHES, 1);
    await events.publish(TaskValidatedV1, belowLevel, lunchOnly, 3);
    const below = await eventually(async () => {
      const p = await preview(SKOVDE);
      return p.closingValidations[0]?.belowLevel === 1 && p;
    });
    expect(below).toMatchObject({ qualify: 1, oneValidationAway: 1 });
    expect(below.closingValidations).toEqual([{ taskId: DISHES, requiredLevel: 2, missing: 0, belowLevel: 1 }]);

    // At the role's level: she qualifies, nobody is one validation away.
    await events.publish(TaskValidatedV1, validation(lunchOnly, DISHES, 2), lunchOnly, 4);
    expect(
      await eventually(async () => {
        const p = await preview(SKOVDE);
        return p.qualify === 2 && p;
      }),
    ).toMatchObject({ inReach: 2, qualify: 2, oneValidationAway: 0, closingValidations: [] });

    // Consent to matching withdrawn: she is no longer counted at all.
    const changedAt = new Date().toISOString();
    await events.publish(ConsentChangedV1, { candidateId: both, revision: 4, purpose: 'matching', given: false, changedAt }, both, 4);
    expect(
      await eventually(async () => {
        const p = await preview(SKOVDE);
        return p.inReach === 1 && p;
      }),
    ).toMatchObject({ inReach: 1, qualify: 1, oneValidationAway: 0 });
  });

  it('answers an employer and a coordinator as it answers HR, with figures and task ids only', async () => {
    const hr = await preview(SKOVDE);
    expect(await preview(SKOVDE, 'employer.skovde')).toEqual(hr);
    expect(await preview(SKOVDE, 'coordinator.skovde')).toEqual(hr);
    // Counts only: no candidate id or pseudonym anywhere in the answer.
    expect(Object.keys(hr).sort()).toEqual([
      'closingValidations',
      'inReach',
      'oneValidationAway',
      'qualify',
      'startDate',
      'workplaceMunicipality',
    ]);
    expect(JSON.stringify(hr)).not.toMatch(/[0-9a-f]{8}-[0-9a-f]{4}-/);
  });

  it('is a question, not a change: the audit log holds no entry of it, though a refused one of another role is a 403', async () => {
    await preview(SKOVDE);
    await authed(stack.apps.matching!.getHttpServer(), as('supervisor.skovde'))
      .post('/matching/supply-preview')
      .send({ workplaceMunicipality: SKOVDE, tasks: [{ taskId: LUNCH, requiredLevel: 2, weight: 'must-have' }] })
      .expect(403);
    // Audit entries are written once the response has closed.
    await new Promise((resolve) => setTimeout(resolve, 300));
    const db = stack.apps.matching!.get(DataSource);
    // The service's own connection, under row-level security: read as the service itself.
    const count = (sql: string) => asService('matching-service', () => db.query(sql));
    const [{ n }] = await count(`SELECT count(*)::int AS n FROM matching.audit_log WHERE operation = 'SupplyController_preview'`);
    expect(n).toBe(0);
    // Commands of the same service are audited: the log is on, the preview is left out on purpose.
    await authed(stack.apps.matching!.getHttpServer(), as('coordinator.skovde'))
      .post(`/matching/proposals/${'0'.repeat(8)}-0000-4000-8000-${'0'.repeat(12)}/accept`)
      .expect(404);
    await eventually(async () => {
      const [{ m }] = await count(`SELECT count(*)::int AS m FROM matching.audit_log WHERE operation = 'ProposalsController_accept'`);
      return m === 1;
    });
  });
});
