import loadHighs from 'highs';
import type { Interval, KnownFact } from './model';

type Highs = Awaited<ReturnType<typeof loadHighs>>;
let solver: Promise<Highs> | undefined;

/** The HiGHS solver (WebAssembly), loaded once per process. */
function highs(): Promise<Highs> {
  solver ??= loadHighs();
  return solver;
}

interface Row {
  readonly vars: readonly number[];
  readonly value: number;
}

/**
 * The attacker's best bounds on a sum of atoms, given the published equations: minimise and maximise it over
 * whole numbers ≥ 0 that satisfy every equation (an integer programme, solved exactly by HiGHS). Integer rather
 * than the linear relaxation, because a real attacker knows counts are whole, and the relaxation can be wider than
 * what she can actually conclude. Only the equations connected to the asked atoms take part: the others cannot
 * change the answer, and leaving them out keeps each programme small.
 */
export class IntervalBounds {
  private readonly index = new Map<string, number>();
  private readonly rows: Row[] = [];
  private readonly rowsOfVar: number[][] = [];

  constructor(facts: readonly KnownFact[]) {
    for (const fact of facts) {
      const vars = this.vars(fact.atoms);
      // An equation over no atom says nothing (an empty cell of a structure with no data).
      if (vars.length === 0) continue;
      const row = this.rows.push({ vars, value: fact.value }) - 1;
      for (const v of vars) this.rowsOfVar[v].push(row);
    }
  }

  async of(atoms: readonly string[]): Promise<Interval> {
    const target = this.vars(atoms);
    if (target.length === 0) return { min: 0, max: 0 };
    const { vars, rows } = this.component(target);
    const h = await highs();
    const solve = (sense: 'Minimize' | 'Maximize'): number => {
      const result = h.solve(
        program(
          sense,
          target,
          vars,
          rows.map((r) => this.rows[r]),
        ),
        { output_flag: false },
      );
      if (result.Status === 'Optimal') return Math.round(result.ObjectiveValue);
      if (sense === 'Maximize' && /unbounded/i.test(result.Status)) return Infinity;
      throw new Error(`interval bounds: the solver ended with ${result.Status}`);
    };
    return { min: solve('Minimize'), max: solve('Maximize') };
  }

  private component(target: readonly number[]): { vars: number[]; rows: number[] } {
    const seenVars = new Set<number>(target);
    const seenRows = new Set<number>();
    const queue = [...target];
    while (queue.length > 0) {
      const v = queue.pop()!;
      for (const r of this.rowsOfVar[v]) {
        if (seenRows.has(r)) continue;
        seenRows.add(r);
        for (const w of this.rows[r].vars) {
          if (!seenVars.has(w)) {
            seenVars.add(w);
            queue.push(w);
          }
        }
      }
    }
    return { vars: [...seenVars], rows: [...seenRows] };
  }

  private vars(atoms: readonly string[]): number[] {
    return [...new Set(atoms)].map((atom) => {
      let i = this.index.get(atom);
      if (i === undefined) {
        i = this.index.size;
        this.index.set(atom, i);
        this.rowsOfVar.push([]);
      }
      return i;
    });
  }
}

function program(sense: 'Minimize' | 'Maximize', target: readonly number[], vars: readonly number[], rows: readonly Row[]): string {
  const name = (v: number): string => `x${v}`;
  return [
    sense,
    ` obj: ${target.map(name).join(' + ')}`,
    'Subject To',
    ...(rows.length ? rows.map((r, i) => ` r${i}: ${r.vars.map(name).join(' + ')} = ${r.value}`) : [` r0: ${name(target[0])} >= 0`]),
    'Bounds',
    ...vars.map((v) => ` ${name(v)} >= 0`),
    'Generals',
    ` ${vars.map(name).join(' ')}`,
    'End',
  ].join('\n');
}
