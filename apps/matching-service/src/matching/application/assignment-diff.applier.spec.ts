import { ProposalCreatedV1 } from '@jobbspar/contracts';
import type { TaskLevel } from '@jobbspar/matching-core';
import { JsonLogger } from '@jobbspar/platform';
import { FixedClock } from '@jobbspar/testing';
import { CANDIDATE, FakeMatchEdgeRepository, fakeWorld, knownNeed, NEED } from '../../../test/fakes';
import { AssignmentProposals } from '../../proposals/application/assignment-proposals';
import { ReadModelReader } from '../../read-models/application/read-model.reader';
import type { CandidateProfile } from '../../read-models/domain/read-models';
import { CurrentWeights } from '../../weights/application/current-weights';
import { matchableCandidate, matchableNeed } from '../domain/match-edge';
import { AssignmentDiffApplier, type KnownReadModels } from './assignment-diff.applier';
import { PairScorer } from './pair-scorer';

const cause = { actor: 'system:matching-service', correlationId: 'corr-solve-0002', causationId: '6f1c1f8e-0000-4000-8000-0000000000ef' };
const SKOVDE = '1496';
const SCORED = new Date('2026-05-20T10:00:00Z');
/** Proposed a month later: her waiting has grown since, and the region has new weights. */
const PROPOSED = new Date('2026-06-19T10:00:00Z');

const profile: CandidateProfile = {
  homeMunicipality: SKOVDE,
  availableFrom: '2026-01-01',
  maxCommuteMinutes: 60,
  interests: ['5120'],
  supportNeeds: { closeSupervision: false, languageSupport: true },
  waitingSince: '2025-11-01',
};

const weightsRow = (n: number, taskCoverage: number, waiting: number) => ({
  version: `se-14-v${n}`,
  region: 'se-14',
  seq: n,
  weights: { version: `se-14-v${n}`, taskCoverage, interests: 10, shortage: 10, waiting, supportFit: 10 },
  createdBy: 'admin:a-1',
  createdAt: SCORED,
});

function setup() {
  const w = fakeWorld(SCORED);
  const edges = new FakeMatchEdgeRepository(w.journal);
  const reader = new ReadModelReader(w.readModels);
  const weights = new CurrentWeights(w.dataSource.asDataSource(), w.weights);
  const scorer = new PairScorer(weights);
  const clock = new FixedClock(PROPOSED);
  const applier = new AssignmentDiffApplier(edges, reader, new AssignmentProposals(w.proposals, w.outbox, clock), scorer);
  const need = knownNeed({ tenant: 'se-14', workplaceMunicipality: SKOVDE, occupations: ['5120'] });
  w.readModels.needs.set(NEED, { ...need, revision: 1, termsRevision: 1, statusRevision: 1 } as never);
  const setCandidate = (levels: Record<string, TaskLevel>) => {
    w.readModels.candidates.set(CANDIDATE, {
      candidateId: CANDIDATE,
      revision: 1,
      profileRevision: 1,
      consentRevision: 1,
      matchingConsent: true,
      profile,
    });
    for (const [task, level] of Object.entries(levels)) w.readModels.levels.set(`${CANDIDATE}|${task}`, level);
  };
  setCandidate({ 'kitchen.serve-school-lunch': 2 });
  w.weights.rows.push(weightsRow(1, 50, 20));
  const em = w.dataSource.manager;
  /** Scores the pair as the engine does on the day it is scored, and stores its edge (the table keeps no explanation). */
  const scoreAndStore = async () => {
    const [c] = await reader.candidates(em, [CANDIDATE]);
    const edge = (await scorer.score(em, matchableCandidate(c), matchableNeed(need), '2026-05-20'))!;
    await edges.replaceNeedEdges(em, NEED, [edge]);
    return edge;
  };
  /** A month later, with the region's weights changed since (the engine re-scores on that; here nothing did). */
  const laterWithNewWeights = () => {
    w.weights.rows.push(weightsRow(2, 40, 30));
    weights.invalidate();
  };
  const propose = (known?: KnownReadModels) =>
    w.dataSource.asDataSource().transaction((tx) => applier.apply(tx, [], [{ candidate: CANDIDATE, need: NEED }], cause, known));
  return { ...w, edges, reader, scoreAndStore, laterWithNewWeights, propose, setCandidate };
}

describe(AssignmentDiffApplier.name, () => {
  it('proposes a chosen pair with the explanation its edge was scored with: its weights version and its day, not today’s', async () => {
    const { scoreAndStore, laterWithNewWeights, propose, proposals, outbox, edges } = setup();
    const scored = await scoreAndStore();
    expect(edges.rows.get(`${CANDIDATE}|${NEED}`)).not.toHaveProperty('explanation');
    laterWithNewWeights();

    await propose();

    const [proposal] = [...proposals.rows.values()];
    expect(proposal).toMatchObject({ candidateId: CANDIDATE, needId: NEED, score: scored.score, weightsVersion: 'se-14-v1' });
    expect(proposal.explanation).toEqual(scored.explanation);
    expect(scored.explanation.factors.find((f) => f.factor === 'waiting')!.detail).toBe('waiting 200 day(s) since 2025-11-01');
    expect(outbox.appended.map((a) => a.contract)).toEqual([ProposalCreatedV1]);
    expect(outbox.appended[0].payload).toMatchObject({ score: scored.score, weightsVersion: 'se-14-v1', explanation: scored.explanation });
  });

  it('proposes with the explanation and score its inputs give now if they changed without a re-score, and says so', async () => {
    const { scoreAndStore, propose, proposals, setCandidate } = setup();
    const scored = await scoreAndStore();
    // Her level fell without the engine hearing of it (it always does: every change of hers re-scores her edges).
    setCandidate({ 'kitchen.serve-school-lunch': 1 });
    const warnings: string[] = [];
    const sink = JsonLogger.sink;
    JsonLogger.sink = (line) => void warnings.push(line);
    try {
      await propose();
    } finally {
      JsonLogger.sink = sink;
    }

    const [proposal] = [...proposals.rows.values()];
    expect(proposal.explanation.tasksMissing.map((t) => t.reached)).toEqual([1]);
    expect(proposal.score).toBeLessThan(scored.score);
    expect(proposal.score).toBe(proposal.explanation.score);
    expect(warnings.filter((l) => l.includes('outlived a change'))).toHaveLength(1);
  });

  it('takes the pair’s need and candidate from what the caller holds, reading neither, and proposes exactly as if it had read them', async () => {
    const read = setup();
    await read.scoreAndStore();
    await read.propose();
    const held = setup();
    await held.scoreAndStore();
    const em = held.dataSource.manager;
    const [need] = await held.reader.needs(em, [NEED]);
    const [candidate] = await held.reader.candidates(em, [CANDIDATE]);
    const needs = jest.spyOn(held.readModels, 'knownNeeds');
    const candidates = jest.spyOn(held.readModels, 'knownCandidates');

    await held.propose({ need: (id) => (id === NEED ? need : undefined), candidate: (id) => (id === CANDIDATE ? candidate : undefined) });

    expect(needs).not.toHaveBeenCalled();
    expect(candidates).not.toHaveBeenCalled();
    const strip = (p: object) => ({ ...p, proposalId: undefined });
    expect([...held.proposals.rows.values()].map(strip)).toEqual([...read.proposals.rows.values()].map(strip));
    expect([...held.proposals.rows.values()]).toHaveLength(1);
  });

  it('refuses an edge whose weights version is unknown rather than explaining it with other weights', async () => {
    const { edges, propose } = setup();
    await edges.replaceNeedEdges(edges as never, NEED, [
      { candidateId: CANDIDATE, needId: NEED, score: 50, weightsVersion: 'se-14-v9', scoredOn: '2026-05-20' },
    ]);

    await expect(propose()).rejects.toThrow(/se-14-v9/);
  });
});
