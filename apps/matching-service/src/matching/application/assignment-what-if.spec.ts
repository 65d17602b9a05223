import fc from 'fast-check';
import { FakeMatchEdgeRepository, fakeWorld, knownNeed } from '../../../test/fakes';
import { PlacementLedger } from '../../placements/application/placement-ledger';
import { ProposalLedger } from '../../proposals/application/proposal-ledger';
import { ReadModelReader } from '../../read-models/application/read-model.reader';
import { AssignmentWhatIf, connectedPart } from './assignment-what-if';
import { Capacities } from './capacities';

interface Instance {
  k: number;
  candidates: { close: boolean }[];
  needs: { positions: number; supervisors: number }[];
  /** Scores in cents per (candidate, need); 0: no edge. */
  cents: number[][];
}

const cid = (i: number) => `6f1c1f8e-0000-4000-8000-0000000000c${i}`;
const nid = (j: number) => `6f1c1f8e-0000-4000-8000-0000000000a${j}`;

/** The best total (cents) over every set of edges that respects every capacity, by enumeration. */
function bruteForce(inst: Instance, cents: number[][], forced?: [number, number]): number {
  const edges: [number, number, number][] = [];
  cents.forEach((row, i) => row.forEach((c, j) => c > 0 && edges.push([i, j, c])));
  let best = -1;
  for (let mask = 0; mask < 1 << edges.length; mask++) {
    const perCandidate = inst.candidates.map(() => 0);
    const perNeed = inst.needs.map(() => 0);
    const supervised = inst.needs.map(() => 0);
    let total = 0;
    let hasForced = forced === undefined;
    edges.forEach(([i, j, c], e) => {
      if (!(mask & (1 << e))) return;
      perCandidate[i]++;
      perNeed[j]++;
      if (inst.candidates[i].close) supervised[j]++;
      total += c;
      if (forced && forced[0] === i && forced[1] === j) hasForced = true;
    });
    const ok =
      hasForced &&
      perCandidate.every((n) => n <= inst.k) &&
      perNeed.every((n, j) => n <= inst.needs[j].positions) &&
      supervised.every((n, j) => n <= inst.needs[j].supervisors);
    if (ok) best = Math.max(best, total);
  }
  return best;
}

async function whatIfOf(inst: Instance) {
  const w = fakeWorld();
  const edges = new FakeMatchEdgeRepository();
  const reader = new ReadModelReader(w.readModels);
  const capacities = new Capacities(reader, new ProposalLedger(w.proposals), new PlacementLedger(w.placements), {
    proposalsPerPosition: 1,
    maxOpenProposalsPerCandidate: inst.k,
  });
  inst.needs.forEach((n, j) => {
    const terms = {
      ...knownNeed().terms,
      support: { supervisorCapacity: n.supervisors, pairInternshipAllowed: false, languageSupport: false },
    };
    w.readModels.needs.set(nid(j), { ...knownNeed({ needId: nid(j), positionsLeft: n.positions, terms }), revision: 1 } as never);
  });
  inst.candidates.forEach((c, i) =>
    w.readModels.candidates.set(cid(i), {
      candidateId: cid(i),
      revision: 1,
      profileRevision: 1,
      consentRevision: 1,
      matchingConsent: true,
      profile: {
        homeMunicipality: '0380',
        availableFrom: '2026-01-01',
        maxCommuteMinutes: 60,
        interests: [],
        supportNeeds: { closeSupervision: c.close, languageSupport: false },
        waitingSince: '2025-01-01',
      },
    }),
  );
  inst.cents.forEach((row, i) =>
    row.forEach((c, j) => {
      if (c > 0) edges.rows.set(`${cid(i)}|${nid(j)}`, { candidateId: cid(i), needId: nid(j), score: c / 100 } as never);
    }),
  );
  return { whatIf: new AssignmentWhatIf(edges, capacities), em: w.dataSource.manager };
}

const instances = fc
  .record({
    k: fc.integer({ min: 1, max: 2 }),
    candidates: fc.array(fc.record({ close: fc.boolean() }), { minLength: 2, maxLength: 4 }),
    needs: fc.array(fc.record({ positions: fc.integer({ min: 1, max: 2 }), supervisors: fc.integer({ min: 0, max: 2 }) }), {
      minLength: 1,
      maxLength: 3,
    }),
  })
  .chain((shape) =>
    fc.record({
      inst: fc.record({
        k: fc.constant(shape.k),
        candidates: fc.constant(shape.candidates),
        needs: fc.constant(shape.needs),
        cents: fc.array(
          fc.array(fc.oneof(fc.constant(0), fc.integer({ min: 100, max: 9_000 })), {
            minLength: shape.needs.length,
            maxLength: shape.needs.length,
          }),
          { minLength: shape.candidates.length, maxLength: shape.candidates.length },
        ),
      }),
      candidate: fc.integer({ min: 0, max: shape.candidates.length - 1 }),
      need: fc.integer({ min: 0, max: shape.needs.length - 1 }),
    }),
  );

describe(AssignmentWhatIf.name, () => {
  it('gives the least score with which the pair is in every optimum: at it she gains, a cent below she does not (brute force)', async () => {
    await fc.assert(
      fc.asyncProperty(instances, async ({ inst, candidate, need }) => {
        const { whatIf, em } = await whatIfOf(inst);
        const c = await whatIf.competition(em, cid(candidate), nid(need));
        const without = inst.cents.map((row, i) => row.map((x, j) => (i === candidate && j === need ? 0 : x)));
        const withScore = (cents: number) => without.map((row, i) => row.map((x, j) => (i === candidate && j === need ? cents : x)));
        const room =
          inst.k > 0 && inst.needs[need].positions > 0 && (!inst.candidates[candidate].close || inst.needs[need].supervisors > 0);
        if (!room) {
          expect(c.scoreNeeded).toBeNull();
          return;
        }
        const needed = Math.round(c.scoreNeeded! * 100);
        const best = bruteForce(inst, without);
        // At the score she needs, every best set holds her pair: forcing it in beats leaving it out.
        expect(bruteForce(inst, withScore(needed), [candidate, need])).toBeGreaterThan(best);
        // A cent less and the best without her is at least as good.
        if (needed > 1) expect(bruteForce(inst, withScore(needed - 1), [candidate, need])).toBeLessThanOrEqual(best);
        expect(c.needSlots).toBe(inst.needs[need].positions);
        expect(c.candidateSlots).toBe(inst.k);
      }),
      { numRuns: 150 },
    );
  });

  it('lists who holds the need’s and her slots in the optimum without her pair, best first', async () => {
    const inst: Instance = {
      k: 1,
      candidates: [{ close: false }, { close: false }, { close: true }],
      needs: [
        { positions: 1, supervisors: 1 },
        { positions: 1, supervisors: 1 },
      ],
      cents: [
        [6000, 0],
        [0, 7000],
        [5000, 4000],
      ],
    };
    const { whatIf, em } = await whatIfOf(inst);
    const c = await whatIf.competition(em, cid(2), nid(0));
    expect(c.needHeldBy).toEqual([{ candidateId: cid(0), needId: nid(0), score: 60 }]);
    // Her other need is held by someone scoring more: she is nowhere, so her own slot is free.
    expect(c.candidateHeldBy).toEqual([]);
    expect(c).toMatchObject({ needSlots: 1, candidateSlots: 1, needsCloseSupervision: true, supervisorSlots: 1, supervisorHeldBy: [] });
    expect(c.scoreNeeded).toBe(60.01);
  });
});

describe(connectedPart.name, () => {
  it('keeps the edges reachable from the candidate or the need, and nothing else', () => {
    const e = (candidateId: string, needId: string) => ({ candidateId, needId });
    const edges = [e('a', 'x'), e('b', 'x'), e('b', 'y'), e('c', 'z'), e('d', 'w')];
    expect(connectedPart(edges, 'a', 'z')).toEqual([e('a', 'x'), e('b', 'x'), e('b', 'y'), e('c', 'z')]);
  });
});
