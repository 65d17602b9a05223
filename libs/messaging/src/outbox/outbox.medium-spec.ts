import { ProposalWithdrawnV1 } from '@jobbspar/contracts';
import { MediumDatabase, mediumDatabase } from '@jobbspar/testing';
import { randomUUID } from 'node:crypto';
import type { MigrationInterface, QueryRunner } from 'typeorm';
import { createMessagingTables, dropMessagingTables } from '../messaging-tables';
import { Outbox } from './outbox';

const SCHEMA = 'outbox_spec';

class OutboxSpecTables1700000000000 implements MigrationInterface {
  name = 'OutboxSpecTables1700000000000';
  async up(q: QueryRunner): Promise<void> {
    await createMessagingTables(q, SCHEMA);
  }
  async down(q: QueryRunner): Promise<void> {
    await dropMessagingTables(q, SCHEMA);
  }
}

describe(Outbox.name, () => {
  let db: MediumDatabase;
  const outbox = new Outbox('matching-service', SCHEMA);
  beforeAll(async () => {
    db = await mediumDatabase({ schema: SCHEMA, migrations: [OutboxSpecTables1700000000000] });
  });
  afterAll(() => db.close());

  const withdrawn = (candidateId: string) =>
    db.transaction(async (em) => {
      const proposalId = randomUUID();
      const envelope = await outbox.append(
        em,
        ProposalWithdrawnV1,
        { proposalId, needId: randomUUID(), candidateId, reason: 'reoptimised' },
        {
          tenant: 'se-14',
          aggregateId: proposalId,
          aggregateVersion: 2,
          actor: 'system:matching-service',
          correlationId: 'corr-outbox-01',
        },
      );
      return envelope.eventId;
    });
  const publish = (eventId: string) => db.query(`UPDATE ${SCHEMA}.outbox SET published_at = now() WHERE event_id = $1`, [eventId]);
  const held = async () => (await db.query<{ event_id: string }>(`SELECT event_id FROM ${SCHEMA}.outbox`)).map((r) => r.event_id);

  it("forgets what was published about her and nothing else: her unpublished events stay to be sent, others' stay", async () => {
    const her = randomUUID();
    const someoneElse = randomUUID();
    const [sent, sentToo, pending, others] = [
      await withdrawn(her),
      await withdrawn(her),
      await withdrawn(her),
      await withdrawn(someoneElse),
    ];
    await publish(sent);
    await publish(sentToo);
    await publish(others);

    const forgotten = await db.transaction((em) => outbox.forgetPublished(em, 'candidateId', her));

    expect(forgotten).toBe(2);
    expect((await held()).sort()).toEqual([pending, others].sort());
  });

  it('writes and erases only inside a transaction', async () => {
    const em = db.dataSource.manager;
    await expect(outbox.forgetPublished(em, 'candidateId', randomUUID())).rejects.toThrow('outside a transaction');
    await expect(
      outbox.append(
        em,
        ProposalWithdrawnV1,
        { proposalId: randomUUID(), needId: randomUUID(), candidateId: randomUUID(), reason: 'reoptimised' },
        {
          tenant: 'se-14',
          aggregateId: randomUUID(),
          aggregateVersion: 1,
          actor: 'system:matching-service',
          correlationId: 'corr-outbox-02',
        },
      ),
    ).rejects.toThrow('outside a transaction');
  });
});
