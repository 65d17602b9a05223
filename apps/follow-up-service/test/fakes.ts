import { FakeDataSource, FixedClock, restorable, Transactional, uniqueViolation } from '@jobbspar/testing';
import type { EntityManager } from 'typeorm';
import { regionOf, type Region } from '../src/common/region';
import { Goal } from '../src/goals/domain/goal';
import { GoalRepository } from '../src/goals/domain/goal.repository';
import { OutcomeProjectionRepository } from '../src/outcomes/domain/outcome-projection.repository';

export * from '@jobbspar/testing';

/** Goals as the repository stores them: by id, restored on read, so a handler sees only what it saved. */
export class FakeGoalRepository extends GoalRepository implements Transactional {
  readonly rows = new Map<string, ReturnType<Goal['toProps']>>();
  readonly locked: string[] = [];

  override async findById(_em: EntityManager, region: string, id: string, options: { lock?: boolean } = {}): Promise<Goal | null> {
    const row = this.rows.get(id);
    if (!row || row.region !== region) return null;
    if (options.lock) this.locked.push(id);
    return Goal.restore(row);
  }

  override async pageByRegion(
    _em: EntityManager,
    region: string,
    page: { limit: number; offset: number },
  ): Promise<{ goals: Goal[]; total: number }> {
    const all = [...this.rows.values()].filter((r) => r.region === region);
    return { goals: all.slice(page.offset, page.offset + page.limit).map((r) => Goal.restore(r)), total: all.length };
  }

  override async insert(_em: EntityManager, goal: Goal): Promise<void> {
    if (this.rows.has(goal.id)) throw uniqueViolation('goals_pkey');
    this.rows.set(goal.id, goal.toProps());
  }

  override async save(_em: EntityManager, goal: Goal): Promise<void> {
    if (!this.rows.has(goal.id)) throw new Error(`save of a goal never inserted: ${goal.id}`);
    this.rows.set(goal.id, goal.toProps());
  }

  snapshot(): () => void {
    return restorable(this.rows);
  }
}

/** Västra Götaland (se-14) on a fixed day in March 2030 (Stockholm time). */
export function goalWorld(now = new Date('2030-03-10T08:00:00Z')) {
  const goals = new FakeGoalRepository();
  const dataSource = new FakeDataSource([goals]);
  const clock = new FixedClock(now);
  const region: Region = regionOf('se-14')!;
  return { goals, dataSource, clock, region };
}

type ProjectionWrite = Exclude<
  keyof OutcomeProjectionRepository,
  'isErased' | 'people' | 'placements' | 'firstMonth' | 'openNeeds' | 'jobseekers'
>;

/** Records each write the projection is asked for (in order, without the EntityManager); erasure is remembered. */
export class FakeOutcomeProjection extends OutcomeProjectionRepository {
  readonly writes: [ProjectionWrite, ...unknown[]][] = [];
  readonly erased = new Set<string>();

  private record(method: ProjectionWrite, ...args: unknown[]): Promise<void> {
    this.writes.push([method, ...args]);
    return Promise.resolve();
  }

  override async isErased(_em: EntityManager, candidateId: string): Promise<boolean> {
    return this.erased.has(candidateId);
  }
  override upsertPerson(_em: EntityManager, ...args: unknown[]) {
    return this.record('upsertPerson', ...args);
  }
  override setMatchingConsent(_em: EntityManager, ...args: unknown[]) {
    return this.record('setMatchingConsent', ...args);
  }
  override firstDate(_em: EntityManager, ...args: unknown[]) {
    return this.record('firstDate', ...args);
  }
  override setTaskLevel(_em: EntityManager, ...args: unknown[]) {
    return this.record('setTaskLevel', ...args);
  }
  override addPlacement(_em: EntityManager, ...args: unknown[]) {
    return this.record('addPlacement', ...args);
  }
  override addCheckpoint(_em: EntityManager, ...args: unknown[]) {
    return this.record('addCheckpoint', ...args);
  }
  override upsertNeed(_em: EntityManager, ...args: unknown[]) {
    return this.record('upsertNeed', ...args);
  }
  override closeNeed(_em: EntityManager, ...args: unknown[]) {
    return this.record('closeNeed', ...args);
  }
  /** The placements erasure reports as hers. */
  readonly placementsOf = new Map<string, string[]>();

  override async erase(_em: EntityManager, candidateId: string): Promise<string[]> {
    this.erased.add(candidateId);
    await this.record('erase', candidateId);
    return this.placementsOf.get(candidateId) ?? [];
  }
  override async people(): Promise<never[]> {
    return [];
  }
  override async placements(): Promise<never[]> {
    return [];
  }
  override async firstMonth(): Promise<null> {
    return null;
  }
  override async openNeeds(): Promise<never[]> {
    return [];
  }
  override async jobseekers(): Promise<never[]> {
    return [];
  }
}
