import type { DataSource, EntityManager, QueryRunner, TransactionCommitEvent } from 'typeorm';
import { TransactionLock } from './transaction-lock';

function transaction(): { em: EntityManager; runner: QueryRunner } {
  const runner = { isTransactionActive: true, release: async () => undefined } as unknown as QueryRunner;
  return { em: { queryRunner: runner } as EntityManager, runner };
}

const tick = () => new Promise((resolve) => setImmediate(resolve));

describe(TransactionLock.name, () => {
  it('makes a second transaction wait until the first commits', async () => {
    const lock = new TransactionLock({ subscribers: [] } as unknown as DataSource);
    const first = transaction();
    const second = transaction();
    await lock.hold(first.em, () => undefined);
    let entered = false;
    const waiting = lock.hold(second.em, () => undefined).then(() => (entered = true));
    await tick();
    expect(entered).toBe(false);
    (first.runner as { isTransactionActive: boolean }).isTransactionActive = false;
    lock.afterTransactionCommit({ queryRunner: first.runner } as TransactionCommitEvent);
    await waiting;
    expect(entered).toBe(true);
  });

  it('frees the lock and asks for a rebuild when a transaction ends without a commit or rollback event', async () => {
    const lock = new TransactionLock({ subscribers: [] } as unknown as DataSource);
    const dead = transaction();
    let rebuild = false;
    await lock.hold(dead.em, () => (rebuild = true));
    const next = transaction();
    let entered = false;
    const waiting = lock.hold(next.em, () => undefined).then(() => (entered = true));
    await tick();
    expect(entered).toBe(false);
    // The connection died: ROLLBACK failed, the runner is still marked in a transaction, and only release() comes.
    await dead.runner.release();
    await waiting;
    expect(entered).toBe(true);
    expect(rebuild).toBe(true);
  });
});
