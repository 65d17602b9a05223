import {
  CandidateProfileV1Payload,
  Contract,
  EmployerRegisteredV1Payload,
  CONTRACTS,
  createEnvelope,
  EventEnvelope,
  NeedSnapshotV1Payload,
  TaskValidatedV1Payload,
} from '@jobbspar/contracts';
import type { Clock } from '@jobbspar/platform';
import { randomBytes, randomUUID } from 'node:crypto';
import { KafkaProbe } from '../support/kafka-probe';
import { startStack, type TestStack } from '../support/stack';

/** Skövde (county 14) and Lidköping, 57 minutes apart in the taxonomy's commute model. */
export const SKOVDE = '1496';
export const LIDKOPING = '1494';

/**
 * Skaraborgs Lager och Logistik AB in Skövde, whose staff the demo user `employer.lager` is (its organisation
 * number is hers, apps/identity-provider/src/organisations.ts): the employer of the test needs, so that she can
 * answer for them once a suite has published this registration.
 */
export const LAGER: EmployerRegisteredV1Payload = {
  employerId: '5a9e0000-0000-4000-8000-00000000e001',
  organisationNumber: '556998-8776',
  name: 'Skaraborgs Lager och Logistik AB',
  sector: 'private',
  municipalityCode: '1496',
  isMunicipality: false,
};

/**
 * Task ids of one test: matching links candidates and needs only through tasks, so fresh ids keep each test's
 * candidates and needs apart from every other test's on the shared stack.
 */
export interface Tasks {
  lunch: string;
  dishes: string;
  cold: string;
}

export function freshTasks(): Tasks {
  const tag = randomBytes(4).toString('hex');
  return {
    lunch: `kitchen.serve-school-lunch.t${tag}`,
    dishes: `kitchen.dishwashing.t${tag}`,
    cold: `kitchen.prepare-cold-dishes.t${tag}`,
  };
}

export function needSnapshot(tasks: Tasks, over: Partial<NeedSnapshotV1Payload> = {}): NeedSnapshotV1Payload {
  return {
    needId: randomUUID(),
    revision: 1,
    employerId: LAGER.employerId,
    roleId: randomUUID(),
    roleVersion: 1,
    roleName: 'Kockbiträde',
    occupations: ['5120'],
    tasks: [
      { taskId: tasks.lunch, requiredLevel: 2, weight: 'must-have' },
      { taskId: tasks.dishes, requiredLevel: 1, weight: 'nice-to-have' },
    ],
    positions: 1,
    positionsFilled: 0,
    workplaceMunicipality: SKOVDE,
    countyCode: '14',
    startDate: '2026-01-01',
    placementType: 'internship',
    support: { supervisorCapacity: 5, pairInternshipAllowed: false, languageSupport: true },
    status: 'open',
    shortage: true,
    ...over,
  };
}

export function candidateProfile(over: Partial<CandidateProfileV1Payload> = {}): CandidateProfileV1Payload {
  return {
    candidateId: randomUUID(),
    revision: 1,
    homeMunicipality: SKOVDE,
    availableFrom: '2025-06-01',
    maxCommuteMinutes: 60,
    interests: ['5120'],
    supportNeeds: { closeSupervision: true, languageSupport: true },
    waitingSince: '2025-01-01',
    matchingConsent: true,
    ...over,
  };
}

export function validation(
  candidateId: string,
  taskId: string,
  level: 1 | 2 | 3,
  over: Partial<TaskValidatedV1Payload> = {},
): TaskValidatedV1Payload {
  return {
    validationId: randomUUID(),
    candidateId,
    taskId,
    level,
    effectiveLevel: level,
    assessedOn: '2025-10-01',
    workplaceId: randomUUID(),
    ...over,
  };
}

/** Publishes contract events as employer- and candidate-service would, so matching can be driven on its own. */
export class EventDriver {
  constructor(
    private readonly stack: TestStack,
    private readonly probe: KafkaProbe,
  ) {}

  envelope<P extends object>(contract: Contract<P>, payload: P, aggregateId: string, aggregateVersion = 1): EventEnvelope<P> {
    const producer = contract.topic.startsWith('employer.') ? 'employer-service' : 'candidate-service';
    return createEnvelope(contract, payload, { producer, tenant: 'se-14', aggregateId, aggregateVersion, actor: 'test:e2e' });
  }

  async send(...envelopes: EventEnvelope<object>[]): Promise<void> {
    for (const e of envelopes) {
      const topic = this.stack.topic(contractTopic(e));
      await this.probe.produce(topic, [{ key: e.aggregateId, value: JSON.stringify(e) }]);
    }
  }

  async publish<P extends object>(contract: Contract<P>, payload: P, aggregateId: string, aggregateVersion = 1): Promise<EventEnvelope<P>> {
    const e = this.envelope(contract, payload, aggregateId, aggregateVersion);
    await this.send(e);
    return e;
  }
}

function contractTopic(e: EventEnvelope<object>): string {
  const contract = CONTRACTS.get(e.type, e.schemaVersion);
  if (!contract) throw new Error(`no contract ${e.type} v${e.schemaVersion}`);
  return contract.topic;
}

export function startMatchingOnly(matchingClock?: Clock): Promise<TestStack> {
  return startStack(['matching'], { matchingClock });
}
