/**
 * Cost-scaling push-relabel (Goldberg–Tarjan) on the same hub network as min-cost-flow.ts, used to bring a
 * from-scratch solve close to optimal fast before the exact successive-shortest-path repair finishes it.
 *
 * Why both: shortest-path augmentation alone is exact and cheap when one side has capacity to spare, but when both
 * sides compete for the same few good partners each augmenting path has to walk through most of the graph. Cost
 * scaling settles such competition phase by phase (ε, ε/α, …): in each phase a node only ever sees reduced costs
 * within a few ε of zero, so pushes stay local. It stops at a small ε, where the flow is ε-optimal: every residual arc
 * has reduced cost ≥ −ε. The caller then saturates the few arcs still negative and lets the exact repair route them.
 *
 * Nodes: candidates 0..nc−1, needs nc..nc+nn−1, hub z = nc+nn. Hub arcs are implicit (one per candidate and per
 * need); edge arcs are unit-capacity. Prices p use r(u,v) = cost(u,v) + p(u) − p(v); an arc is admissible when r < 0.
 */

export interface BipartiteProblem {
  readonly nc: number;
  readonly nn: number;
  readonly capC: Int32Array;
  readonly capN: Int32Array;
  /** Edge e joins candidate ec[e] (0..nc−1) and need en[e] (0..nn−1) with integer weight w[e] > 0. */
  readonly ec: Int32Array;
  readonly en: Int32Array;
  readonly w: Float64Array;
  readonly m: number;
}

export interface NearOptimalFlow {
  /** 1 where the edge is matched. */
  readonly x: Uint8Array;
  /** Hub flows: z→c per candidate, n→z per need. */
  readonly fC: Int32Array;
  readonly fN: Int32Array;
  /** Prices relative to the hub (p(z) = 0). */
  readonly pC: Float64Array;
  readonly pN: Float64Array;
  readonly stats: ScalingStats;
}

export interface ScalingStats {
  phases: number;
  pushes: number;
  relabels: number;
}

/** Phase divisor: the usual choice (CS2 uses 8–16). */
const ALPHA = 8;

export function costScaling(pb: BipartiteProblem, finalEpsilon: number): NearOptimalFlow {
  const { nc, nn, capC, capN, ec, en, w, m } = pb;
  const z = nc + nn;
  const V = z + 1;

  // Edge lists per node (CSR).
  const offC = new Int32Array(nc + 1);
  const offN = new Int32Array(nn + 1);
  for (let e = 0; e < m; e++) {
    offC[ec[e] + 1]++;
    offN[en[e] + 1]++;
  }
  for (let i = 0; i < nc; i++) offC[i + 1] += offC[i];
  for (let j = 0; j < nn; j++) offN[j + 1] += offN[j];
  const adjC = new Int32Array(m);
  const adjN = new Int32Array(m);
  {
    const fc = offC.slice(0, nc);
    const fn = offN.slice(0, nn);
    for (let e = 0; e < m; e++) {
      adjC[fc[ec[e]]++] = e;
      adjN[fn[en[e]]++] = e;
    }
  }

  // Need lists keep their matched edges first (a need's residual edge arcs are exactly its matched edges), so its
  // scans stop after mcnt entries instead of walking hundreds of unmatched ones.
  const posN = new Int32Array(m);
  for (let k = 0; k < m; k++) posN[adjN[k]] = k;
  const mcnt = new Int32Array(nn);
  const x = new Uint8Array(m);
  const fC = new Int32Array(nc);
  const fN = new Int32Array(nn);
  const p = new Float64Array(V);
  const excess = new Float64Array(V);
  /** Current arc: position in the node's arc list (edges, then the hub arc; for z: candidates, then needs). */
  const cur = new Int32Array(V);
  const queue = new Int32Array(V + 1);
  const queued = new Uint8Array(V);
  let qHead = 0;
  let qTail = 0;
  let qSize = 0;
  const setMatched = (e: number): void => {
    x[e] = 1;
    const j = en[e];
    const q = posN[e];
    const t = offN[j] + mcnt[j]++;
    const other = adjN[t];
    adjN[t] = e;
    posN[e] = t;
    adjN[q] = other;
    posN[other] = q;
  };
  const setUnmatched = (e: number): void => {
    x[e] = 0;
    const j = en[e];
    const q = posN[e];
    const t = offN[j] + --mcnt[j];
    const other = adjN[t];
    adjN[t] = e;
    posN[e] = t;
    adjN[q] = other;
    posN[other] = q;
    // The last matched edge moved into q: make sure the current-arc scan still sees it.
    const k = q - offN[j];
    if (k < cur[nc + j]) cur[nc + j] = k;
  };
  const enqueue = (v: number): void => {
    if (queued[v] === 1) return;
    queued[v] = 1;
    queue[qTail] = v;
    qTail = qTail === V ? 0 : qTail + 1;
    qSize++;
  };

  let maxW = 0;
  for (let e = 0; e < m; e++) if (w[e] > maxW) maxW = w[e];
  let eps = Math.max(1, Math.floor(maxW / ALPHA));
  const stats: ScalingStats = { phases: 0, pushes: 0, relabels: 0 };
  finalEpsilon = Math.max(1, Math.floor(finalEpsilon));

  for (;;) {
    stats.phases++;
    // Saturate every residual arc with a negative reduced cost.
    for (let e = 0; e < m; e++) {
      const c = ec[e];
      const n = nc + en[e];
      const r = p[c] - w[e] - p[n];
      if (x[e] === 0 && r < 0) {
        setMatched(e);
        excess[c]--;
        excess[n]++;
      } else if (x[e] === 1 && r > 0) {
        setUnmatched(e);
        excess[c]++;
        excess[n]--;
      }
    }
    const pz = p[z];
    for (let c = 0; c < nc; c++) {
      if (fC[c] < capC[c] && pz - p[c] < 0) {
        const d = capC[c] - fC[c];
        fC[c] = capC[c];
        excess[c] += d;
        excess[z] -= d;
      } else if (fC[c] > 0 && p[c] - pz < 0) {
        excess[c] -= fC[c];
        excess[z] += fC[c];
        fC[c] = 0;
      }
    }
    for (let j = 0; j < nn; j++) {
      const n = nc + j;
      if (fN[j] < capN[j] && p[n] - pz < 0) {
        const d = capN[j] - fN[j];
        fN[j] = capN[j];
        excess[n] -= d;
        excess[z] += d;
      } else if (fN[j] > 0 && pz - p[n] < 0) {
        excess[n] += fN[j];
        excess[z] -= fN[j];
        fN[j] = 0;
      }
    }
    cur.fill(0);
    for (let v = 0; v < V; v++) if (excess[v] > 0) enqueue(v);

    while (qSize > 0) {
      const v = queue[qHead];
      qHead = qHead === V ? 0 : qHead + 1;
      qSize--;
      queued[v] = 0;
      // Discharge v.
      while (excess[v] > 0) {
        const pv = p[v];
        let pushed = false;
        if (v < nc) {
          const base = offC[v];
          const deg = offC[v + 1] - base;
          for (let k = cur[v]; k <= deg; k++) {
            if (k < deg) {
              const e = adjC[base + k];
              if (x[e] === 1) continue;
              const n = nc + en[e];
              if (pv - w[e] - p[n] < 0) {
                setMatched(e);
                excess[v]--;
                excess[n]++;
                stats.pushes++;
                if (excess[n] > 0) enqueue(n);
                cur[v] = k;
                pushed = true;
                break;
              }
            } else if (fC[v] > 0 && pv - p[z] < 0) {
              const d = Math.min(excess[v], fC[v]);
              fC[v] -= d;
              excess[v] -= d;
              excess[z] += d;
              stats.pushes++;
              if (excess[z] > 0) enqueue(z);
              cur[v] = k;
              pushed = true;
              break;
            }
          }
          if (!pushed) {
            // Relabel: the highest price that leaves some residual arc at reduced cost −ε.
            let best = -Infinity;
            for (let k = 0; k < deg; k++) {
              const e = adjC[base + k];
              if (x[e] === 1) continue;
              const cand = p[nc + en[e]] + w[e];
              if (cand > best) best = cand;
            }
            if (fC[v] > 0 && p[z] > best) best = p[z];
            p[v] = best - eps;
            cur[v] = 0;
            stats.relabels++;
          }
        } else if (v < z) {
          const j = v - nc;
          const base = offN[j];
          for (let k = cur[v]; k <= mcnt[j]; k++) {
            if (k < mcnt[j]) {
              const e = adjN[base + k];
              const c = ec[e];
              if (pv + w[e] - p[c] < 0) {
                cur[v] = k;
                setUnmatched(e);
                excess[v]--;
                excess[c]++;
                stats.pushes++;
                if (excess[c] > 0) enqueue(c);
                pushed = true;
                break;
              }
            } else if (fN[j] < capN[j] && pv - p[z] < 0) {
              const d = Math.min(excess[v], capN[j] - fN[j]);
              fN[j] += d;
              excess[v] -= d;
              excess[z] += d;
              stats.pushes++;
              if (excess[z] > 0) enqueue(z);
              cur[v] = k;
              pushed = true;
              break;
            }
          }
          if (!pushed) {
            let best = -Infinity;
            const end = base + mcnt[j];
            for (let q = base; q < end; q++) {
              const e = adjN[q];
              const cand = p[ec[e]] - w[e];
              if (cand > best) best = cand;
            }
            if (fN[j] < capN[j] && p[z] > best) best = p[z];
            p[v] = best - eps;
            cur[v] = 0;
            stats.relabels++;
          }
        } else {
          // The hub: arcs z→c while c has room, z→n while n has flow.
          for (let k = cur[v]; k < nc + nn; k++) {
            if (k < nc) {
              if (fC[k] < capC[k] && pv - p[k] < 0) {
                const d = Math.min(excess[v], capC[k] - fC[k]);
                fC[k] += d;
                excess[v] -= d;
                excess[k] += d;
                stats.pushes++;
                if (excess[k] > 0) enqueue(k);
                cur[v] = k;
                pushed = true;
                break;
              }
            } else {
              const j = k - nc;
              if (fN[j] > 0 && pv - p[k] < 0) {
                const d = Math.min(excess[v], fN[j]);
                fN[j] -= d;
                excess[v] -= d;
                excess[k] += d;
                stats.pushes++;
                if (excess[k] > 0) enqueue(k);
                cur[v] = k;
                pushed = true;
                break;
              }
            }
          }
          if (!pushed) {
            let best = -Infinity;
            for (let c = 0; c < nc; c++) if (fC[c] < capC[c] && p[c] > best) best = p[c];
            for (let j = 0; j < nn; j++) if (fN[j] > 0 && p[nc + j] > best) best = p[nc + j];
            p[v] = best - eps;
            cur[v] = 0;
            stats.relabels++;
          }
        }
      }
    }

    if (eps <= finalEpsilon) break;
    eps = Math.max(finalEpsilon, Math.floor(eps / ALPHA));
  }

  const pC = new Float64Array(nc);
  const pN = new Float64Array(nn);
  const pz = p[z];
  for (let c = 0; c < nc; c++) pC[c] = p[c] - pz;
  for (let j = 0; j < nn; j++) pN[j] = p[nc + j] - pz;
  return { x, fC, fN, pC, pN, stats };
}
