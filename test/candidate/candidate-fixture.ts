import {
  Contract,
  createEnvelope,
  EmployerRegisteredV1,
  NeedPostedV1,
  NeedSnapshotV1Payload,
  RoleDefinedV1,
  TaskRequirementV1,
} from '@jobbspar/contracts';
import { Kafka, logLevel } from 'kafkajs';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { testInfra, uniqueName } from '../support/infra';
import { eventually, KafkaProbe } from '../support/kafka-probe';
import { TestStack } from '../support/stack';

/** Publishes an event as employer-service would (the candidate suite does not need that service running). */
export async function publishAs<P extends object>(
  probe: KafkaProbe,
  stack: TestStack,
  contract: Contract<P>,
  aggregateId: string,
  payload: P,
): Promise<void> {
  const envelope = createEnvelope(contract, payload, {
    producer: contract.producer,
    tenant: 'se-14',
    aggregateId,
    aggregateVersion: 1,
    actor: 'test:employer',
  });
  await probe.produce(stack.topic(contract.topic), [{ key: aggregateId, value: JSON.stringify(envelope) }]);
}

export async function registerWorkplace(
  probe: KafkaProbe,
  stack: TestStack,
  name: string,
  municipalityCode = '1496',
  organisationNumber = '212000-1637',
): Promise<string> {
  const employerId = randomUUID();
  await publishAs(probe, stack, EmployerRegisteredV1, employerId, {
    employerId,
    organisationNumber,
    name,
    sector: 'public',
    municipalityCode,
    isMunicipality: true,
  });
  return employerId;
}

export async function defineRole(probe: KafkaProbe, stack: TestStack, name: string, tasks: TaskRequirementV1[]): Promise<string> {
  const roleId = randomUUID();
  await publishAs(probe, stack, RoleDefinedV1, roleId, {
    roleId,
    version: 1,
    name,
    kind: 'composed',
    occupations: ['9412'],
    tasks,
    taxonomyVersion: '2026.1',
  });
  return roleId;
}

export async function postNeed(
  probe: KafkaProbe,
  stack: TestStack,
  employerId: string,
  roleId: string,
  tasks: TaskRequirementV1[],
  overrides: Partial<NeedSnapshotV1Payload> = {},
): Promise<string> {
  const needId = overrides.needId ?? randomUUID();
  await publishAs(probe, stack, NeedPostedV1, needId, {
    needId,
    revision: 1,
    employerId,
    roleId,
    roleVersion: 1,
    roleName: 'serviceassistent',
    occupations: ['9412'],
    tasks,
    positions: 2,
    positionsFilled: 0,
    workplaceMunicipality: '1496',
    countyCode: '14',
    startDate: '2027-01-10',
    placementType: 'internship',
    support: { supervisorCapacity: 2, pairInternshipAllowed: true, languageSupport: true },
    status: 'open',
    shortage: true,
    ...overrides,
  });
  return needId;
}

export interface Hit {
  schema: string;
  table: string;
  needle: string;
}

/** Every base table of every non-system schema of the database, each row cast to text, searched for each needle. */
export async function searchDatabase(db: DataSource, needles: string[]): Promise<Hit[]> {
  const tables: { table_schema: string; table_name: string }[] = await db.query(
    `SELECT table_schema, table_name FROM information_schema.tables
      WHERE table_type = 'BASE TABLE' AND table_schema NOT IN ('pg_catalog', 'information_schema') AND table_schema NOT LIKE 'pg_toast%'`,
  );
  const hits: Hit[] = [];
  for (const { table_schema, table_name } of tables) {
    const rows: { row: string }[] = await db.query(`SELECT t::text AS row FROM "${table_schema}"."${table_name}" t`);
    for (const needle of needles) {
      if (rows.some((r) => r.row.toLowerCase().includes(needle.toLowerCase())))
        hits.push({ schema: table_schema, table: table_name, needle });
    }
  }
  return hits;
}

/** Reads every record of every topic with the stack's prefix (including dead letters), from the beginning to the end. */
export async function readAllTopics(
  stack: TestStack,
): Promise<{ topic: string; key: string | null; value: string | null; headers: Record<string, string> }[]> {
  const kafka = new Kafka({ clientId: uniqueName('sweep'), brokers: testInfra().brokers, logLevel: logLevel.NOTHING });
  const admin = kafka.admin();
  await admin.connect();
  const prefix = stack.topic('');
  const topics = (await admin.listTopics()).filter((t) => t.startsWith(prefix));
  let expected = 0;
  for (const topic of topics) {
    for (const p of await admin.fetchTopicOffsets(topic)) expected += Number(p.high) - Number(p.low);
  }
  await admin.disconnect();
  const probe = new KafkaProbe(testInfra().brokers);
  try {
    await probe.watch(topics);
    await eventually(() => probe.messages.length >= expected, 30000, `all ${expected} records on ${topics.length} topics`);
    return probe.messages.map((m) => ({ topic: m.topic, key: m.key, value: m.value, headers: m.headers }));
  } finally {
    await probe.close();
  }
}
