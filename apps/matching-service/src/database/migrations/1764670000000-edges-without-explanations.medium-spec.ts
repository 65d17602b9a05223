import { DEFAULT_WEIGHTS, scoreCandidate, type CandidateForMatching, type NeedForMatching } from '@jobbspar/matching-core';
import type { MediumDatabase } from '@jobbspar/testing';
import { randomUUID } from 'node:crypto';
import { matchingDatabase } from '../../../test/matching-database';
import { MIGRATIONS } from '../migrations';
import { EdgesWithoutExplanations1764670000000 } from './1764670000000-edges-without-explanations';

const candidate = (waitingSince: string): CandidateForMatching => ({
  candidateId: randomUUID(),
  homeMunicipality: '1496',
  availableFrom: '2026-01-01',
  maxCommuteMinutes: 60,
  interests: ['5120'],
  supportNeeds: { closeSupervision: false, languageSupport: false },
  consentActive: true,
  waitingSince,
  validations: { 'kitchen.serve-school-lunch': 2 },
});

const need: NeedForMatching = {
  needId: randomUUID(),
  status: 'open',
  positionsLeft: 1,
  startDate: '2026-03-01',
  workplaceMunicipality: '1496',
  occupations: ['5120'],
  tasks: [{ taskId: 'kitchen.serve-school-lunch', requiredLevel: 2, weight: 'must-have' }],
  shortage: true,
  support: { supervisorCapacity: 1, languageSupport: false, pairInternshipAllowed: false },
  region: 'se-14',
};

/**
 * Edges stored before, each with its explanation: the migration keeps the day each was scored on, so that the
 * explanation derived again from that day is the one that was stored.
 */
describe(EdgesWithoutExplanations1764670000000.name, () => {
  let db: MediumDatabase;
  const waited = candidate('2025-03-10');
  const notYet = candidate('2026-06-01');
  const blank = randomUUID();

  beforeAll(async () => {
    db = await matchingDatabase(MIGRATIONS.filter((m) => m !== EdgesWithoutExplanations1764670000000));
    const insert = (candidateId: string, explanation: object) =>
      db.query(
        `INSERT INTO matching.match_edges (candidate_id, need_id, score, explanation, weights_version) VALUES ($1, $2, 50, $3, 'default-v1')`,
        [candidateId, need.needId, JSON.stringify(explanation)],
      );
    await insert(waited.candidateId, scoreCandidate(waited, need, DEFAULT_WEIGHTS, { today: '2026-02-14' }));
    // Her waiting starts after the day she was scored on: 0 days, whatever that day was.
    await insert(notYet.candidateId, scoreCandidate(notYet, need, DEFAULT_WEIGHTS, { today: '2026-02-14' }));
    await insert(blank, {});
    const runner = db.dataSource.createQueryRunner();
    try {
      await new EdgesWithoutExplanations1764670000000().up(runner);
    } finally {
      await runner.release();
    }
  });
  afterAll(() => db.close());

  it('keeps the day each stored explanation was computed on, and drops the explanations', async () => {
    const rows = await db.query<{ candidate_id: string; scored_on: string }>(
      `SELECT candidate_id, scored_on::text AS scored_on FROM matching.match_edges`,
    );
    const on = new Map(rows.map((r) => [r.candidate_id, r.scored_on]));

    expect(on.get(waited.candidateId)).toBe('2026-02-14');
    expect(scoreCandidate(notYet, need, DEFAULT_WEIGHTS, { today: on.get(notYet.candidateId)! })).toEqual(
      scoreCandidate(notYet, need, DEFAULT_WEIGHTS, { today: '2026-02-14' }),
    );
    expect(on.get(blank)).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    const columns = await db.query<{ column_name: string }>(
      `SELECT column_name FROM information_schema.columns WHERE table_schema = 'matching' AND table_name = 'match_edges'`,
    );
    expect(columns.map((c) => c.column_name)).not.toContain('explanation');
  });
});
