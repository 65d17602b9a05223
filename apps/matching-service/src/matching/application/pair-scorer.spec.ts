import { commute } from '@jobbspar/taxonomy';
import { fakeWorld, knownNeed } from '../../../test/fakes';
import type { KnownCandidate } from '../../read-models/domain/read-models';
import { CurrentWeights } from '../../weights/application/current-weights';
import { matchableCandidate, matchableNeed } from '../domain/match-edge';
import { MAX_COMMUTE_MINUTES, PairScorer } from './pair-scorer';

const SKOVDE = '1496';
const LIDKOPING = '1494';
const TODAY = '2026-01-15';

const candidate = (over: Partial<KnownCandidate['profile']> = {}, consent = true): KnownCandidate => ({
  candidateId: '6f1c1f8e-0000-4000-8000-0000000000c1',
  matchingConsent: consent,
  profile: {
    homeMunicipality: SKOVDE,
    availableFrom: '2026-01-01',
    maxCommuteMinutes: 60,
    interests: ['5120'],
    supportNeeds: { closeSupervision: true, languageSupport: true },
    waitingSince: '2025-01-01',
    ...over,
  },
  levels: { 'kitchen.serve-school-lunch': 2 },
});

const need = knownNeed({
  tenant: 'se-14',
  workplaceMunicipality: SKOVDE,
  occupations: ['5120'],
});

function setup() {
  const world = fakeWorld();
  const weights = new CurrentWeights(world.dataSource.asDataSource(), world.weights);
  return { ...world, scorer: new PairScorer(weights), em: world.dataSource.manager };
}

describe(PairScorer.name, () => {
  it('scores a pair that passes the hard filters, with the weights version of the need region', async () => {
    const { scorer, em, weights } = setup();
    weights.rows.push({
      version: 'se-14-v1',
      region: 'se-14',
      seq: 1,
      weights: { version: 'se-14-v1', taskCoverage: 60, interests: 10, shortage: 10, waiting: 10, supportFit: 10 },
      createdBy: 'admin:a-1',
      createdAt: new Date(),
    });

    const edge = await scorer.score(em, matchableCandidate(candidate()), matchableNeed(need), TODAY);

    expect(edge).toMatchObject({ candidateId: candidate().candidateId, needId: need.needId, weightsVersion: 'se-14-v1' });
    expect(edge!.score).toBeGreaterThan(0);
    expect(edge!.explanation.score).toBe(edge!.score);
    expect(edge!.explanation.factors.find((f) => f.factor === 'taskCoverage')?.weight).toBe(60);
  });

  it.each([
    ['has no consent', candidate({}, false)],
    ['lives beyond her commute', candidate({ homeMunicipality: LIDKOPING, maxCommuteMinutes: 30 })],
    ['is available only after the start', candidate({ availableFrom: '2026-03-01' })],
  ])('gives no edge to a candidate who %s', async (_, c) => {
    const { scorer, em } = setup();

    expect(await scorer.score(em, matchableCandidate(c), matchableNeed(need), TODAY)).toBeUndefined();
  });

  it('gives no edge to a candidate who misses a must-have task', async () => {
    const { scorer, em } = setup();

    expect(
      await scorer.score(em, matchableCandidate({ ...candidate(), levels: { 'kitchen.dishwashing': 3 } }), matchableNeed(need), TODAY),
    ).toBeUndefined();
  });

  it('knows from where a workplace can be reached, with the minutes from each place, within the longest commute allowed', () => {
    const { scorer } = setup();

    const reach = scorer.reachOf(SKOVDE)!;

    expect(reach.codes).toContain(SKOVDE);
    expect(reach.codes).toContain(LIDKOPING);
    expect(reach.minutes[reach.codes.indexOf(LIDKOPING)]).toBe(commute(LIDKOPING, SKOVDE).minutes);
    expect(reach.minutes.every((m) => m <= MAX_COMMUTE_MINUTES)).toBe(true);
    expect(scorer.reachOf('9999')).toBeUndefined();
  });

  it('lists the workplaces within her own commute, and prunes nothing for a home the taxonomy does not know', () => {
    const { scorer } = setup();
    const minutes = commute(LIDKOPING, SKOVDE).minutes;

    expect(scorer.workplacesWithin(LIDKOPING, minutes)).toContain(SKOVDE);
    expect(scorer.workplacesWithin(LIDKOPING, minutes - 1)).not.toContain(SKOVDE);
    expect(scorer.workplacesWithin('9999', 60)).toBeUndefined();
  });
});
