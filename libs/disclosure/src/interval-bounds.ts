import loadHighs from 'highs';
import { InconsistentFactsError, type HiddenCells, type Interval, type KnownFact } from './model';

type Highs = Awaited<ReturnType<typeof loadHighs>>;
let solver: Promise<Highs> | undefined;

/** The HiGHS solver (WebAssembly), loaded once per process. */
function highs(): Promise<Highs> {
  solver ??= loadHighs();
  return solver;
}

interface Row {
  readonly vars: readonly number[];
  readonly negative: readonly number[];
  readonly sense: '=' | '>=';
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

  private readonly zero = new Set<string>();

  constructor(facts: readonly KnownFact[], hidden: HiddenCells = []) {
    // A sum shown as 0 makes each of its atoms 0: take them out of every equation (the reader can, too).
    for (const fact of facts) if (fact.value === 0 && !fact.minus?.length) for (const a of fact.atoms) this.zero.add(a);
    for (const fact of facts) {
      if (fact.value === 0 && !fact.minus?.length) continue;
      this.addRow(fact.atoms, fact.minus ?? [], '=', fact.value);
    }
    for (const atoms of hidden) this.addRow(atoms, [], '>=', 1);
  }

  private addRow(atoms: readonly string[], minus: readonly string[], sense: '=' | '>=', value: number): void {
    const vars = this.vars(atoms.filter((a) => !this.zero.has(a)));
    const negative = this.vars(minus.filter((a) => !this.zero.has(a)));
    // An equation over no atom says nothing (an empty cell of a structure with no data).
    if (vars.length === 0 && negative.length === 0) return;
    const row = this.rows.push({ vars, negative, sense, value }) - 1;
    for (const v of [...vars, ...negative]) this.rowsOfVar[v].push(row);
  }

  async of(atoms: readonly string[]): Promise<Interval> {
    const target = this.vars(atoms.filter((a) => !this.zero.has(a)));
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
      if (/infeasible/i.test(result.Status)) throw new InconsistentFactsError('interval bounds: the published facts contradict each other');
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
        for (const w of [...this.rows[r].vars, ...this.rows[r].negative]) {
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
    ...(rows.length
      ? rows.map(
          (r, i) =>
            ` r${i}: ${[...r.vars.map((v) => `+ ${name(v)}`), ...r.negative.map((v) => `- ${name(v)}`)].join(' ')} ${r.sense} ${r.value}`,
        )
      : [` r0: ${name(target[0])} >= 0`]),
    'Bounds',
    ...vars.map((v) => ` ${name(v)} >= 0`),
    'Generals',
    ` ${vars.map(name).join(' ')}`,
    'End',
  ].join('\n');
}
