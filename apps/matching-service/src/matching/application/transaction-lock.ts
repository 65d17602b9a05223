import type {
  DataSource,
  EntityManager,
  EntitySubscriberInterface,
  QueryRunner,
  TransactionCommitEvent,
  TransactionRollbackEvent,
} from 'typeorm';

interface Holder {
  release: () => void;
  onRollback: () => void;
}

/**
 * Serialises matching work and keeps it held until the transaction that did it has committed or rolled back, so the
 * next piece of work always starts from committed state. The in-memory assignment is changed during the work; if
 * the transaction rolls back, `onRollback` marks it for a rebuild from the database.
 */
export class TransactionLock implements EntitySubscriberInterface {
  private tail: Promise<void> = Promise.resolve();
  private readonly holders = new Map<QueryRunner, Holder>();

  constructor(dataSource: DataSource) {
    dataSource.subscribers.push(this);
  }

  /**
   * Resolves once `em`'s transaction holds the lock; a transaction that already holds it passes straight through.
   * True when the transaction has just taken it (the first piece of matching work in it).
   */
  async hold(em: EntityManager, onRollback: () => void): Promise<boolean> {
    const runner = em.queryRunner;
    if (!runner?.isTransactionActive) throw new Error('matching work must run inside a transaction');
    if (this.holders.has(runner)) return false;
    const previous = this.tail;
    let release!: () => void;
    this.tail = new Promise<void>((resolve) => (release = resolve));
    this.holders.set(runner, { release, onRollback });
    // If the connection dies, ROLLBACK itself can fail and no rollback event comes; the runner is still released
    // at the end of the transaction, so releasing it also frees the lock (and marks the model for a rebuild).
    const releaseRunner = runner.release.bind(runner);
    runner.release = async () => {
      try {
        return await releaseRunner();
      } finally {
        this.settle(runner, true, true);
      }
    };
    await previous;
    return true;
  }

  afterTransactionCommit(event: TransactionCommitEvent): void {
    this.settle(event.queryRunner, false);
  }

  afterTransactionRollback(event: TransactionRollbackEvent): void {
    this.settle(event.queryRunner, true);
  }

  private settle(runner: QueryRunner, rolledBack: boolean, released = false): void {
    // Savepoints settle too; only the outermost transaction's end counts.
    if (runner.isTransactionActive && !released) return;
    const holder = this.holders.get(runner);
    if (!holder) return;
    this.holders.delete(runner);
    if (rolledBack) holder.onRollback();
    holder.release();
  }
}
