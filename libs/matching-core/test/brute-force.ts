import fc from 'fast-check';
import type { Instance, Pair } from '../src/instance';

/**
 * The optimum by enumeration, for instances small enough to enumerate (a handful of candidates and needs).
 * Works in micro-points like the solver, so totals compare exactly.
 */
export function bruteForceTotal(instance: Instance): number {
  const best = new Map<string, { c: string; n: string; w: number; s: boolean }>();
  for (const e of instance.edges) {
    const w = Math.round(e.score * 1_000_000);
    const key = `${e.candidate}\u0000${e.need}`;
    const prev = best.get(key);
    // Like the solver: a repeated edge needs close supervision if any of its usable copies (score > 0) does.
    const s = (e.closeSupervision === true && w > 0) || (prev?.s ?? false);
    if (prev === undefined || w > prev.w) best.set(key, { c: e.candidate, n: e.need, w, s });
    else prev.s = s;
  }
  const edges = [...best.values()].filter((e) => e.w > 0);
  const capC = new Map(instance.candidates.map((c) => [c.id, c.capacity]));
  const capN = new Map(instance.needs.map((n) => [n.id, n.capacity]));
  // Pairs that need close supervision, per need, within its supervised capacity (absent: no bound).
  const capS = new Map(instance.needs.map((n) => [n.id, n.supervisedCapacity ?? Infinity]));
  let top = 0;
  const walk = (i: number, total: number): void => {
    if (i === edges.length) {
      top = Math.max(top, total);
      return;
    }
    walk(i + 1, total);
    const { c, n, w, s } = edges[i];
    if (capC.get(c)! > 0 && capN.get(n)! > 0 && (!s || capS.get(n)! > 0)) {
      capC.set(c, capC.get(c)! - 1);
      capN.set(n, capN.get(n)! - 1);
      if (s) capS.set(n, capS.get(n)! - 1);
      walk(i + 1, total + w);
      capC.set(c, capC.get(c)! + 1);
      capN.set(n, capN.get(n)! + 1);
      if (s) capS.set(n, capS.get(n)! + 1);
    }
  };
  walk(0, 0);
  return top / 1_000_000;
}

/** Checks what every assignment must satisfy; returns the first broken rule, or null. */
export function assignmentProblem(instance: Instance, pairs: readonly Pair[], total: number): string | null {
  const capC = new Map(instance.candidates.map((c) => [c.id, c.capacity]));
  const capN = new Map(instance.needs.map((n) => [n.id, n.capacity]));
  const capS = new Map(instance.needs.map((n) => [n.id, n.supervisedCapacity ?? Infinity]));
  const score = new Map<string, number>();
  const supervised = new Set<string>();
  for (const e of instance.edges) {
    const key = `${e.candidate}\u0000${e.need}`;
    score.set(key, Math.max(score.get(key) ?? -Infinity, Math.round(e.score * 1_000_000)));
    if (e.closeSupervision === true && Math.round(e.score * 1_000_000) > 0) supervised.add(key);
  }
  const seen = new Set<string>();
  let sum = 0;
  for (const p of pairs) {
    const key = `${p.candidate}\u0000${p.need}`;
    if (seen.has(key)) return `pair ${p.candidate}-${p.need} twice`;
    seen.add(key);
    const w = score.get(key);
    if (w === undefined) return `pair ${p.candidate}-${p.need} has no edge`;
    if (w <= 0) return `pair ${p.candidate}-${p.need} scores ${w / 1e6}`;
    sum += w;
    const c = capC.get(p.candidate)! - 1;
    const n = capN.get(p.need)! - 1;
    if (c < 0) return `candidate ${p.candidate} over capacity`;
    if (n < 0) return `need ${p.need} over capacity`;
    if (supervised.has(key)) {
      const left = capS.get(p.need)! - 1;
      if (left < 0) return `need ${p.need} over its supervised capacity`;
      capS.set(p.need, left);
    }
    capC.set(p.candidate, c);
    capN.set(p.need, n);
  }
  if (sum / 1_000_000 !== total) return `total ${total} but pairs sum to ${sum / 1_000_000}`;
  return null;
}

/**
 * Small instances with supervision: some edges need close supervision, some needs bound how many such pairs they
 * take (0..2, or no bound).
 */
export function smallSupervisedInstance(maxCandidates = 5, maxNeeds = 4): fc.Arbitrary<Instance> {
  return smallInstance(maxCandidates, maxNeeds).chain((instance) =>
    fc
      .record({
        bounds: fc.array(fc.option(fc.integer({ min: 0, max: 2 }), { nil: undefined }), {
          minLength: instance.needs.length,
          maxLength: instance.needs.length,
        }),
        flags: fc.array(fc.boolean(), { minLength: instance.edges.length, maxLength: instance.edges.length }),
      })
      .map(({ bounds, flags }) => ({
        candidates: instance.candidates,
        needs: instance.needs.map((n, j) => (bounds[j] === undefined ? n : { ...n, supervisedCapacity: bounds[j] })),
        edges: instance.edges.map((e, i) => (flags[i] ? { ...e, closeSupervision: true } : e)),
      })),
  );
}

/** Small instances: ≤ 5 candidates × 4 needs, capacities 0..2, scores in points with two decimals (some ≤ 0). */
export function smallInstance(maxCandidates = 5, maxNeeds = 4): fc.Arbitrary<Instance> {
  return fc
    .record({
      caps: fc.array(fc.integer({ min: 0, max: 2 }), { minLength: 1, maxLength: maxCandidates }),
      needCaps: fc.array(fc.integer({ min: 0, max: 2 }), { minLength: 1, maxLength: maxNeeds }),
      raw: fc.array(
        fc.record({
          c: fc.nat(),
          n: fc.nat(),
          cents: fc.integer({ min: -2000, max: 10000 }),
        }),
        { maxLength: 16 },
      ),
    })
    .map(({ caps, needCaps, raw }) => ({
      candidates: caps.map((capacity, i) => ({ id: `c${i}`, capacity })),
      needs: needCaps.map((capacity, j) => ({ id: `n${j}`, capacity })),
      edges: raw.map((e) => ({
        candidate: `c${e.c % caps.length}`,
        need: `n${e.n % needCaps.length}`,
        score: e.cents / 100,
      })),
    }));
}
