import type { MediumDatabase } from '@jobbspar/testing';
import { randomUUID } from 'node:crypto';
import { matchingDatabase } from '../../../test/matching-database';
import { PostgresSolverTurnRepository } from './postgres-solver-turn.repository';

const repository = new PostgresSolverTurnRepository();

describe(PostgresSolverTurnRepository.name, () => {
  let db: MediumDatabase;
  beforeAll(async () => {
    db = await matchingDatabase();
  });
  afterAll(() => db.close());

  it('tells a replica whether another one had the turn since its own, and a rolled-back turn counts for nothing', async () => {
    const [a, b] = [randomUUID(), randomUUID()];
    const take = (instance: string) => db.transaction((em) => repository.take(em, instance));
    expect(await take(a)).toBe(true); // nobody before: a builds its model
    expect(await take(a)).toBe(false);
    expect(await take(b)).toBe(true);
    expect(await take(a)).toBe(true); // b worked in between: a's model is stale
    await db
      .transaction(async (em) => {
        await repository.take(em, b);
        throw new Error('the work failed');
      })
      .catch(() => undefined);
    expect(await take(a)).toBe(false); // b's turn rolled back with its work
  });

  it('makes a second replica wait until the first one has committed its turn', async () => {
    const [a, b] = [randomUUID(), randomUUID()];
    const order: string[] = [];
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    let taken!: () => void;
    const aTook = new Promise<void>((resolve) => (taken = resolve));
    const first = db.transaction(async (em) => {
      await repository.take(em, a);
      taken();
      await held;
      order.push('a commits');
    });
    await aTook;
    const second = db.transaction(async (em) => {
      const stale = await repository.take(em, b);
      order.push('b has the turn');
      return stale;
    });
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(order).toEqual([]);
    release();
    await first;
    expect(await second).toBe(true);
    expect(order).toEqual(['a commits', 'b has the turn']);
  });
});
