import type { TaskLevel } from '@jobbspar/contracts';
import type { MediumDatabase } from '@jobbspar/testing';
import { randomUUID } from 'node:crypto';
import { matchingDatabase } from '../../../test/matching-database';
import type { CandidateReadModel, KnownCandidate, KnownNeed, NeedReadModel } from '../../read-models/domain/read-models';
import { PostgresReadModelRepository } from '../../read-models/infrastructure/postgres-read-model.repository';
import { MatchingIndex } from './matching-index';
import { PairScorer } from './pair-scorer';

/**
 * The engine's in-memory index must answer exactly what the read models' SQL answers (the task indexes with the
 * commute filter, the open needs with positions left), after loading and after each change the engine puts in.
 */
const repository = new PostgresReadModelRepository('matching');
// Only the commute geography is used here; the weights are never read.
const scorer = new PairScorer(undefined as never);

const TASKS = ['kitchen.serve-school-lunch', 'kitchen.dishwashing', 'cleaning.classroom', 'care.meals', 'care.hygiene', 'school.recess'];
/** Skaraborg and around: homes and workplaces near enough for some commutes and not others. */
const PLACES = ['1496', '1495', '1497', '1494', '1493', '1480', '1280'];

/** A small deterministic generator, so a failure repeats. */
function random(seed: number): () => number {
  let s = seed;
  return () => (s = (s * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
}

describe(MatchingIndex.name, () => {
  let db: MediumDatabase;
  const rnd = random(14);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)];
  const some = <T>(xs: readonly T[], max: number): T[] => [...new Set(Array.from({ length: 1 + Math.floor(rnd() * max) }, () => pick(xs)))];
  const candidateIds: string[] = [];
  const needIds: string[] = [];

  const candidate = (id: string, revision: number): CandidateReadModel => ({
    candidateId: id,
    revision,
    profileRevision: revision,
    consentRevision: revision,
    matchingConsent: rnd() < 0.8,
    profile: {
      homeMunicipality: pick(PLACES),
      availableFrom: '2026-06-01',
      maxCommuteMinutes: pick([15, 30, 45, 60, 90, 240]),
      interests: ['5120'],
      supportNeeds: { closeSupervision: false, languageSupport: true },
      waitingSince: '2025-01-01',
    },
  });
  const levels = (id: string) =>
    some(TASKS, 3).map((taskId) => ({ candidateId: id, taskId, level: pick([1, 2, 3] as const) as TaskLevel | null }));
  const need = (id: string, revision: number): NeedReadModel => {
    const workplace = pick(PLACES);
    return {
      needId: id,
      revision,
      termsRevision: revision,
      statusRevision: revision,
      status: pick(['open', 'open', 'open', 'closed', 'filled'] as const),
      tenant: 'se-14',
      positionsLeft: pick([0, 1, 2, 3]),
      workplaceMunicipality: workplace,
      occupations: ['5120'],
      terms: {
        employerId: randomUUID(),
        roleId: randomUUID(),
        roleVersion: 1,
        roleName: 'Kockbiträde',
        occupations: ['5120'],
        tasks: some(TASKS, 3).map((taskId) => ({ taskId, requiredLevel: 2 as TaskLevel, weight: 'must-have' as const })),
        positions: 3,
        workplaceMunicipality: workplace,
        startDate: '2026-08-01',
        placementType: 'internship',
        support: { supervisorCapacity: 2, pairInternshipAllowed: false, languageSupport: true },
        shortage: true,
      },
    } as unknown as NeedReadModel;
  };

  const save = (w: { candidates?: CandidateReadModel[]; levels?: ReturnType<typeof levels>; needs?: NeedReadModel[] }) =>
    db.transaction((em) =>
      repository.saveProjection(em, {
        employers: [],
        needs: w.needs ?? [],
        candidates: w.candidates ?? [],
        erased: [],
        validations: [],
        levels: w.levels ?? [],
      }),
    );

  const loaded = async (): Promise<MatchingIndex> => {
    const index = new MatchingIndex();
    await db.transaction(async (em) => index.reset(await repository.allKnownCandidates(em), await repository.openKnownNeeds(em)));
    return index;
  };

  /** Every question the engine asks, asked of the index and of the SQL, over every task set and place. */
  async function expectSameAnswers(index: MatchingIndex): Promise<number> {
    let answers = 0;
    await db.transaction(async (em) => {
      for (const tasks of [[TASKS[0]], [TASKS[1], TASKS[2]], TASKS.slice(2), TASKS]) {
        for (const place of PLACES) {
          const reach = scorer.reachOf(place);
          const ids = await repository.candidatesHoldingAny(em, tasks, reach);
          const fromSql = await repository.knownCandidates(em, ids);
          const fromIndex = index.candidatesHoldingAny(tasks, reach);
          expect(fromIndex.map((c) => c.candidateId)).toEqual(fromSql.map((c) => c.candidateId).sort());
          expect(byId(fromIndex)).toEqual(byId(fromSql));
          // Unordered, as the engine asks for a need: the same candidates.
          const unordered = index.candidatesHoldingAny(tasks, reach, { ordered: false });
          expect(unordered.map((c) => c.candidateId).sort()).toEqual(fromIndex.map((c) => c.candidateId));
          expect(unordered).toHaveLength(fromIndex.length);
          for (const max of [20, 60, 240]) {
            const workplaces = scorer.workplacesWithin(place, max);
            const needs = await repository.knownNeeds(em, await repository.openNeedsAskingAny(em, tasks, workplaces));
            expect(index.openNeedsAskingAny(tasks, workplaces).map((n) => n.needId)).toEqual(needs.map((n) => n.needId).sort());
            expect(byId(index.openNeedsAskingAny(tasks, workplaces))).toEqual(byId(needs));
            answers += needs.length;
          }
          answers += ids.length;
        }
      }
    });
    return answers;
  }

  const byId = (xs: readonly (KnownCandidate | KnownNeed)[]) =>
    Object.fromEntries(xs.map((x) => ['candidateId' in x ? x.candidateId : x.needId, x] as const));

  beforeAll(async () => {
    db = await matchingDatabase();
    for (let i = 0; i < 60; i++) candidateIds.push(randomUUID());
    for (let i = 0; i < 30; i++) needIds.push(randomUUID());
    await save({
      candidates: candidateIds.map((id) => candidate(id, 1)),
      levels: candidateIds.flatMap(levels),
      needs: needIds.map((id) => need(id, 1)),
    });
    // Some without a profile yet (a consent that overtook her registration): not in the index, not in the SQL.
    await save({
      candidates: [
        { candidateId: randomUUID(), revision: 1, profile: null, profileRevision: null, matchingConsent: true, consentRevision: 1 },
      ],
    });
  });
  afterAll(() => db.close());

  it('answers what the SQL answers once loaded from the read models', async () => {
    const index = await loaded();
    expect(index.size.candidates).toBe(60);
    // Open with positions left only, as the SQL's filter says.
    const [{ n }] = await db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM matching.needs WHERE status = 'open' AND positions_left > 0`,
    );
    expect(index.size.needs).toBe(n);
    expect(n).toBeGreaterThan(0);
    expect(n).toBeLessThan(30);
    // Enough pairs that a wrong filter would show.
    expect(await expectSameAnswers(index)).toBeGreaterThan(50);
  });

  it('stays equal to the SQL as candidates and needs change and the engine puts in what it read', async () => {
    const index = await loaded();
    for (let round = 2; round <= 7; round++) {
      const movedCandidates = some(candidateIds, 12);
      const movedNeeds = some(needIds, 20);
      // New homes, commutes and consent; levels lost and gained; needs closed, filled, reopened, moved.
      const lost = movedCandidates.flatMap((id) => TASKS.map((taskId) => ({ candidateId: id, taskId, level: null })));
      await save({ levels: lost });
      await save({
        candidates: movedCandidates.map((id) => candidate(id, round)),
        levels: movedCandidates.flatMap(levels),
        needs: movedNeeds.map((id) => need(id, round)),
      });
      await db.transaction(async (em) => {
        const found = await repository.knownCandidates(em, movedCandidates);
        for (const id of movedCandidates)
          index.setCandidate(
            id,
            found.find((c) => c.candidateId === id),
          );
        for (const id of movedNeeds) index.setNeed(id, (await repository.knownNeeds(em, [id]))[0]);
      });
      await expectSameAnswers(index);
      // And the same as an index loaded afresh.
      expect(index).toEqual(await loaded());
    }
  });

  it('forgets an erased candidate, a need that closed and one with no position left', async () => {
    const index = await loaded();
    const [open, full] = needIds.filter((id) => index.need(id));
    expect(full).toBeDefined();
    index.setNeed(full, { ...index.need(full)!, positionsLeft: 0 });
    expect(index.need(full)).toBeUndefined();
    const someone = candidateIds.find((id) => index.candidate(id))!;
    expect(open).toBeDefined();
    index.setCandidate(someone.toUpperCase(), undefined);
    const closed = { ...index.need(open!)!, status: 'closed' as const };
    index.setNeed(open!, closed);
    expect(index.candidate(someone)).toBeUndefined();
    expect(index.need(open!)).toBeUndefined();
    expect(index.candidatesHoldingAny(TASKS).map((c) => c.candidateId)).not.toContain(someone);
    expect(index.openNeedsAskingAny(TASKS).map((n) => n.needId)).not.toContain(open);
  });
});
