import type { TaskLevel } from '@jobbspar/matching-core';
import { randomUUID } from 'node:crypto';
import { EMPLOYER, FakeMatchEdgeRepository, fakeWorld, knownNeed, proposalProps } from '../../../../../test/fakes';
import { UNRESTRICTED, type Viewer } from '../../../../common/viewer';
import { AssignmentModel } from '../../../../matching/application/assignment-model';
import { AssignmentWhatIf } from '../../../../matching/application/assignment-what-if';
import { Capacities } from '../../../../matching/application/capacities';
import { PairScorer } from '../../../../matching/application/pair-scorer';
import { matchableCandidate, matchableNeed, type MatchEdge } from '../../../../matching/domain/match-edge';
import { PlacementLedger } from '../../../../placements/application/placement-ledger';
import { ProposalLedger } from '../../../../proposals/application/proposal-ledger';
import { ReadModelReader } from '../../../../read-models/application/read-model.reader';
import type { CandidateProfile, KnownNeed } from '../../../../read-models/domain/read-models';
import { CurrentWeights } from '../../../../weights/application/current-weights';
import { CandidateNotFound, NeedNotFound } from '../../../domain/why.errors';
import { ExplainPairHandler } from './explain-pair.handler';
import { ExplainPairQuery, type PairAsker } from './explain-pair.query';

const SKOVDE = '1496';
const LIDKOPING = '1494';
const LUNCH = 'kitchen.serve-school-lunch';
const DISHES = 'kitchen.dishwashing';
const HER = '6f1c1f8e-0000-4000-8000-0000000000c1';
const ANNA = '6f1c1f8e-0000-4000-8000-0000000000c2';
const N1 = '6f1c1f8e-0000-4000-8000-0000000000a1';
const N2 = '6f1c1f8e-0000-4000-8000-0000000000a2';

const need = (needId: string, over: Partial<KnownNeed['terms']> = {}, positionsLeft = 1): KnownNeed =>
  knownNeed({
    needId,
    tenant: 'se-14',
    positionsLeft,
    workplaceMunicipality: SKOVDE,
    occupations: ['5120'],
    terms: {
      ...knownNeed().terms,
      startDate: '2026-01-01',
      tasks: [
        { taskId: LUNCH, requiredLevel: 2, weight: 'must-have' },
        { taskId: DISHES, requiredLevel: 1, weight: 'nice-to-have' },
      ],
      support: { supervisorCapacity: 2, pairInternshipAllowed: false, languageSupport: true },
      ...over,
    },
  });

const profile = (over: Partial<CandidateProfile> = {}): CandidateProfile => ({
  homeMunicipality: SKOVDE,
  availableFrom: '2026-01-01',
  maxCommuteMinutes: 60,
  interests: ['5120'],
  supportNeeds: { closeSupervision: false, languageSupport: false },
  waitingSince: '2026-01-01',
  ...over,
});

const coordinator = (area: string[]): PairAsker => ({
  viewer: { unrestricted: false, employerOrganisation: null, hrMunicipalities: [], coordinatorArea: area },
  adminRegion: null,
});
const employerViewer = (organisation: string): Viewer => ({
  unrestricted: false,
  employerOrganisation: organisation,
  hrMunicipalities: [],
  coordinatorArea: null,
});

/**
 * A world matched as the engine matches it: each pair that PairScorer scores is an edge, the assignment is solved by
 * the real AssignmentModel with Capacities, and its pairs are the proposed proposals. Settings: M = 1, K = 1, so one
 * slot per position and per candidate.
 */
function world() {
  const w = fakeWorld(new Date('2026-05-20T10:00:00Z'));
  const edges = new FakeMatchEdgeRepository(w.journal);
  const reader = new ReadModelReader(w.readModels);
  const settings = { proposalsPerPosition: 1, maxOpenProposalsPerCandidate: 1 };
  const capacities = new Capacities(reader, new ProposalLedger(w.proposals), new PlacementLedger(w.placements), settings);
  const scorer = new PairScorer(new CurrentWeights(w.dataSource.asDataSource(), w.weights));
  const handler = new ExplainPairHandler(
    w.dataSource.asDataSource(),
    reader,
    w.proposals,
    scorer,
    new AssignmentWhatIf(edges, capacities),
    w.clock,
  );
  w.readModels.employerRows.set(EMPLOYER, {
    employerId: EMPLOYER,
    organisationNumber: '556998-8776',
    name: 'Lager AB',
    municipalityCode: SKOVDE,
    isMunicipality: false,
  });
  const em = w.dataSource.manager;

  const addNeed = (n: KnownNeed) => w.readModels.needs.set(n.needId, { ...n, revision: 1, termsRevision: 1, statusRevision: 1 } as never);
  const addCandidate = (candidateId: string, p: CandidateProfile, levels: Record<string, TaskLevel>) => {
    w.readModels.candidates.set(candidateId, {
      candidateId,
      revision: 1,
      profileRevision: 1,
      consentRevision: 1,
      matchingConsent: true,
      profile: p,
    });
    for (const key of [...w.readModels.levels.keys()]) if (key.startsWith(`${candidateId}|`)) w.readModels.levels.delete(key);
    for (const [task, level] of Object.entries(levels)) w.readModels.levels.set(`${candidateId}|${task}`, level);
  };

  /** Scores every pair, stores the edges, solves, and makes the optimum's pairs the proposed proposals. */
  const match = async (): Promise<Map<string, string>> => {
    edges.rows.clear();
    const needs = await reader.needs(em, [...w.readModels.needs.keys()]);
    const candidates = await reader.candidates(em, [...w.readModels.candidates.keys()]);
    const scored = [];
    for (const c of candidates)
      for (const n of needs) {
        const e = await scorer.score(em, matchableCandidate(c), matchableNeed(n), w.clock.today());
        if (e) scored.push(e);
      }
    await edges.replaceCandidateEdges(em, '-', []);
    for (const e of scored) edges.rows.set(`${e.candidateId}|${e.needId}`, e);
    const model = new AssignmentModel();
    await capacities.refresh(
      em,
      model,
      needs.map((n) => n.needId),
      candidates.map((c) => c.candidateId),
    );
    for (const c of candidates)
      model.setCandidateEdges(
        c.candidateId,
        new Map(scored.filter((e) => e.candidateId === c.candidateId).map((e) => [e.needId, e.score])),
      );
    model.solve();
    for (const id of [...w.proposals.rows.keys()]) w.proposals.rows.delete(id);
    const ids = new Map<string, string>();
    for (const p of model.pairs()) {
      const proposalId = randomUUID();
      const e = scored.find((x) => x.candidateId === p.candidate && x.needId === p.need)!;
      w.proposals.seed(proposalProps({ proposalId, candidateId: p.candidate, needId: p.need, tenant: 'se-14', score: e.score }));
      ids.set(`${p.candidate}|${p.need}`, proposalId);
    }
    return ids;
  };

  const ask = (candidateId = HER, needId = N1, asker?: PairAsker) => handler.execute(new ExplainPairQuery(candidateId, needId, asker));
  return { ...w, edges, addNeed, addCandidate, match, ask, scorer, em };
}

describe(ExplainPairHandler.name, () => {
  it('shows a commute over her maximum with both values, and passes her once her maximum covers it', async () => {
    const w = world();
    w.addNeed(need(N1));
    w.addCandidate(HER, profile({ homeMunicipality: LIDKOPING, maxCommuteMinutes: 30 }), { [LUNCH]: 2 });
    await w.match();

    const far = await w.ask();
    expect(far.verdict).toBe('filtered-out');
    expect(far.filters.commute).toEqual({ passed: false, minutes: 57, maxMinutes: 30, from: LIDKOPING, to: SKOVDE });
    expect(far.filters.mustHaves).toEqual([{ passed: true, taskId: LUNCH, required: 2, reached: 2 }]);
    expect(far.explanation).toBeNull();

    w.addCandidate(HER, profile({ homeMunicipality: LIDKOPING, maxCommuteMinutes: 60 }), { [LUNCH]: 2 });
    const ids = await w.match();
    const near = await w.ask();
    expect(near.filters.commute).toMatchObject({ passed: true, minutes: 57, maxMinutes: 60 });
    expect(near).toMatchObject({ verdict: 'proposed', proposalId: ids.get(`${HER}|${N1}`) });
  });

  it('shows a must-have below its level with reached against required, and every other filter with its value', async () => {
    const w = world();
    w.addNeed(need(N1));
    w.addCandidate(HER, profile({ availableFrom: '2026-06-01' }), { [LUNCH]: 1 });
    await w.match();

    const answer = await w.ask();
    expect(answer.verdict).toBe('filtered-out');
    expect(answer.filters).toMatchObject({
      passed: false,
      needOpen: { passed: true, status: 'open' },
      positionsLeft: { passed: true, positionsLeft: 1 },
      // The need started on 2026-01-01, so she must be available today.
      availableByStart: { passed: false, availableFrom: '2026-06-01', startsOn: '2026-05-20' },
      consent: { passed: true },
      notRejectedBefore: { passed: true },
      mustHaves: [{ passed: false, taskId: LUNCH, required: 2, reached: 1 }],
    });

    w.addCandidate(HER, profile(), { [LUNCH]: 2 });
    await w.match();
    expect((await w.ask()).verdict).toBe('proposed');
  });

  it('says rejected before (with its reason) even though she would pass everything else', async () => {
    const w = world();
    w.addNeed(need(N1));
    w.addCandidate(HER, profile(), { [LUNCH]: 2 });
    w.proposals.seed(
      proposalProps({ proposalId: randomUUID(), candidateId: HER, needId: N1, status: 'rejected', reasonCode: 'candidate-declined' }),
    );
    const answer = await w.ask();
    expect(answer).toMatchObject({ verdict: 'filtered-out', settled: { status: 'rejected', reason: 'candidate-declined' } });
    expect(answer.filters.notRejectedBefore).toEqual({ passed: false });
  });

  it('gives the score with each factor’s weight and contribution, the same as the engine’s edge', async () => {
    const w = world();
    w.addNeed(need(N1));
    w.addCandidate(HER, profile(), { [LUNCH]: 2 });
    await w.match();
    const answer = await w.ask();
    // match() keeps each edge as the engine's scoring made it, explanation included (the table keeps none).
    const edge = w.edges.rows.get(`${HER}|${N1}`)! as MatchEdge;
    expect(answer.explanation).toEqual(edge.explanation);
    const factors = answer.explanation!.factors;
    expect(factors.map((f) => f.factor)).toEqual(['taskCoverage', 'interests', 'shortage', 'waiting', 'supportFit']);
    expect(Math.round(factors.reduce((s, f) => s + f.contribution, 0) * 100)).toBe(Math.round(answer.explanation!.score * 100));
    for (const f of factors) expect(f.contribution).toBeCloseTo(f.weight * f.value, 2);
  });

  it('names the need’s full slots with the higher score, and the score she needs: raised above it, she is proposed', async () => {
    const w = world();
    w.addNeed(need(N1));
    // Anna waits longer: she scores more and holds the need's one slot.
    w.addCandidate(ANNA, profile({ waitingSince: '2025-01-01' }), { [LUNCH]: 2 });
    w.addCandidate(HER, profile(), { [LUNCH]: 2 });
    const ids = await w.match();
    const anna = w.edges.rows.get(`${ANNA}|${N1}`)!.score;

    const answer = await w.ask();
    expect(answer.verdict).toBe('out-competed');
    expect(answer.capacity).toMatchObject({
      decidedBy: ['need-slots'],
      needSlots: 1,
      needHeldBy: [{ proposalId: ids.get(`${ANNA}|${N1}`), needId: N1, score: anna }],
      candidateSlots: 1,
      candidateHeldBy: [],
    });
    // Anna has nowhere else to go: she needs to beat Anna's score.
    expect(answer.capacity.scoreNeeded).toBe(Math.round(anna * 100 + 1) / 100);
    expect(answer.explanation!.score).toBeLessThan(answer.capacity.scoreNeeded!);

    // She certifies the nice-to-have: her score is now above what she needed, and the engine proposes her.
    w.addCandidate(HER, profile(), { [LUNCH]: 2, [DISHES]: 2 });
    const after = await w.match();
    expect(w.edges.rows.get(`${HER}|${N1}`)!.score).toBeGreaterThanOrEqual(answer.capacity.scoreNeeded!);
    expect(await w.ask()).toMatchObject({ verdict: 'proposed', proposalId: after.get(`${HER}|${N1}`) });
  });

  it('names her own full slots (K) with her other proposal’s score', async () => {
    const w = world();
    // She scores more at N2 (a shortage occupation) than at N1, and K = 1.
    w.addNeed(need(N1, { shortage: false }));
    w.addNeed(need(N2));
    w.addCandidate(HER, profile(), { [LUNCH]: 2 });
    w.addCandidate(ANNA, profile({ availableFrom: '2027-01-01' }), { [LUNCH]: 2 });
    const ids = await w.match();
    const answer = await w.ask(HER, N1);
    expect(answer.verdict).toBe('out-competed');
    expect(answer.capacity.decidedBy).toEqual(['candidate-slots']);
    expect(answer.capacity.candidateHeldBy).toEqual([
      { proposalId: ids.get(`${HER}|${N2}`), needId: N2, score: w.edges.rows.get(`${HER}|${N2}`)!.score },
    ]);
    // Moving her costs her N2 proposal: she needs more at N1 than she has at N2.
    expect(answer.capacity.scoreNeeded).toBe(Math.round(w.edges.rows.get(`${HER}|${N2}`)!.score * 100 + 1) / 100);
  });

  it('names the supervisors’ room when she needs close supervision and it is held', async () => {
    const w = world();
    w.addNeed(need(N1, { support: { supervisorCapacity: 1, pairInternshipAllowed: false, languageSupport: true } }, 2));
    const close = { closeSupervision: true, languageSupport: false };
    w.addCandidate(ANNA, profile({ waitingSince: '2025-01-01', supportNeeds: close }), { [LUNCH]: 2 });
    w.addCandidate(HER, profile({ supportNeeds: close }), { [LUNCH]: 2 });
    await w.match();
    const answer = await w.ask();
    expect(answer.verdict).toBe('out-competed');
    // Two positions, one held: the need has room, its one supervisor has not.
    expect(answer.capacity).toMatchObject({
      decidedBy: ['supervisor-capacity'],
      needSlots: 2,
      supervisorSlots: 1,
      needsCloseSupervision: true,
    });
    expect(answer.capacity.supervisorHeldBy.map((p) => p.score)).toEqual([w.edges.rows.get(`${ANNA}|${N1}`)!.score]);
  });

  it('lets her coordinator see all, the need’s employer only the pseudonymous side, and answers 404 to anyone else', async () => {
    const w = world();
    w.addNeed(need(N1));
    w.addCandidate(ANNA, profile({ waitingSince: '2025-01-01' }), { [LUNCH]: 2 });
    w.addCandidate(HER, profile(), { [LUNCH]: 2 });
    await w.match();

    const mine = await w.ask(HER, N1, coordinator([SKOVDE]));
    expect(mine.homeMunicipality).toBe(SKOVDE);
    expect(mine.capacity.needHeldBy[0].proposalId).not.toBeNull();
    await expect(w.ask(HER, N1, coordinator([LIDKOPING]))).rejects.toBeInstanceOf(CandidateNotFound);

    const employer = await w.ask(HER, N1, { viewer: employerViewer('556998-8776'), adminRegion: null });
    expect(employer).toMatchObject({ verdict: 'out-competed', homeMunicipality: null });
    expect(employer.capacity.needHeldBy).toEqual([{ proposalId: null, needId: N1, score: mine.capacity.needHeldBy[0].score }]);
    expect(employer.explanation!.factors.find((f) => f.factor === 'waiting')!.detail).not.toContain('2026');
    // Her circumstances stay hers: the employer sees that availability and commute pass, not her date or minutes.
    expect(mine.filters.availableByStart.availableFrom).not.toBeNull();
    expect(mine.filters.commute.maxMinutes).not.toBeNull();
    expect(employer.filters.availableByStart).toEqual({ ...mine.filters.availableByStart, availableFrom: null });
    expect(employer.filters.commute).toEqual({
      passed: mine.filters.commute.passed,
      minutes: null,
      maxMinutes: null,
      to: mine.filters.commute.to,
    });
    expect(employer.filters.mustHaves).toEqual(mine.filters.mustHaves);
    expect(employer.filters.passed).toBe(mine.filters.passed);
    await expect(w.ask(HER, N1, { viewer: employerViewer('556000-0000'), adminRegion: null })).rejects.toBeInstanceOf(NeedNotFound);

    const admin = (region: string): PairAsker => ({ viewer: { ...UNRESTRICTED, unrestricted: false }, adminRegion: region });
    expect((await w.ask(HER, N1, admin('se-14'))).homeMunicipality).toBe(SKOVDE);
    await expect(w.ask(HER, N1, admin('se-12'))).rejects.toBeInstanceOf(NeedNotFound);
    await expect(w.ask(randomUUID(), N1)).rejects.toBeInstanceOf(CandidateNotFound);
    await expect(w.ask(HER, randomUUID())).rejects.toBeInstanceOf(NeedNotFound);
  });

  it('reads in one REPEATABLE READ transaction', async () => {
    const w = world();
    w.addNeed(need(N1));
    w.addCandidate(HER, profile(), { [LUNCH]: 2 });
    await w.ask();
    expect(w.dataSource.isolationLevels).toEqual(['REPEATABLE READ']);
  });
});
