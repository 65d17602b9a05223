import { getMunicipality } from '@jobbspar/taxonomy';
import { isMonth, monthIndex } from '../../common/months';
import { InvalidFiguresError, InvalidGoalError } from './goal.errors';

/** An official figure of the target group (e.g. registered unemployed foreign-born women) in a municipality and month. */
export interface Figure {
  readonly municipality: string;
  readonly month: string;
  readonly value: number;
}

/** A row as given, by form or CSV, before it is checked; `line` is the CSV line (or the form row + 1). */
export interface FigureInput {
  readonly line: number;
  readonly municipality: string;
  readonly month: string;
  readonly value: string | number;
}

export interface GoalProps {
  id: string;
  region: string;
  countyCode: string;
  name: string;
  targetGroup: string;
  baselineMonth: string;
  targetMonth: string;
  /** How much lower than the baseline the figure should be by the target month: 50 means halve. */
  reductionPercent: number;
  /** Figures by `municipality|month`; those of the baseline month are the baselines. */
  figures: Map<string, Figure>;
  revision: number;
  createdBy: string;
  createdAt: Date;
  updatedAt: Date;
}

export interface DefineGoalInput {
  id: string;
  region: string;
  countyCode: string;
  name: string;
  targetGroup: string;
  baselineMonth: string;
  targetMonth: string;
  reductionPercent: number;
  createdBy: string;
}

const MAX_FIGURE = 1_000_000;
const key = (municipality: string, month: string): string => `${municipality}|${month}`;

/**
 * A regional goal (e.g. "halve unemployment among foreign-born women within two years, per municipality, from the
 * September baseline"): the municipalities it covers are those with a baseline figure; later monthly figures show
 * progress. A set of figures is taken whole or not at all, so an import never leaves half its rows behind.
 */
export class Goal {
  private constructor(private readonly props: GoalProps) {}

  static define(input: DefineGoalInput, now: Date, currentMonth: string): Goal {
    if (!isMonth(input.baselineMonth)) throw new InvalidGoalError('baselineMonth', `'${input.baselineMonth}' is not a month (YYYY-MM)`);
    if (!isMonth(input.targetMonth)) throw new InvalidGoalError('targetMonth', `'${input.targetMonth}' is not a month (YYYY-MM)`);
    if (monthIndex(input.baselineMonth) > monthIndex(currentMonth)) {
      throw new InvalidGoalError('baselineMonth', `${input.baselineMonth} has not begun yet (this month is ${currentMonth})`);
    }
    if (monthIndex(input.targetMonth) <= monthIndex(input.baselineMonth)) {
      throw new InvalidGoalError('targetMonth', `must come after the baseline month ${input.baselineMonth}`);
    }
    if (!(input.reductionPercent > 0 && input.reductionPercent <= 100)) {
      throw new InvalidGoalError('reductionPercent', `must be more than 0 and at most 100, got ${input.reductionPercent}`);
    }
    return new Goal({ ...input, figures: new Map(), revision: 1, createdAt: now, updatedAt: now });
  }

  static restore(props: GoalProps): Goal {
    return new Goal({ ...props, figures: new Map(props.figures) });
  }

  /**
   * Checks every row first and stores nothing unless all are right: each wrong row is named by its line and field.
   * A row for a municipality and month already recorded replaces it (a corrected figure); a later month needs the
   * municipality's baseline first, in the same set or before.
   */
  recordFigures(rows: readonly FigureInput[], currentMonth: string, now: Date): Figure[] {
    const problems: { line: number; field: string; message: string }[] = [];
    const accepted: Figure[] = [];
    const seen = new Map<string, number>();
    const baselines = new Set(
      [...this.props.figures.values()].filter((f) => f.month === this.props.baselineMonth).map((f) => f.municipality),
    );
    for (const row of rows) if (row.month === this.props.baselineMonth) baselines.add(row.municipality.trim());
    for (const row of rows) {
      const problem = (field: string, message: string) => problems.push({ line: row.line, field, message });
      const municipality = String(row.municipality ?? '').trim();
      const month = String(row.month ?? '').trim();
      const raw = typeof row.value === 'number' ? String(row.value) : String(row.value ?? '').trim();
      const known = getMunicipality(municipality);
      let ok = true;
      if (!/^\d{4}$/.test(municipality) || !known) {
        problem('municipality', `'${municipality}' is not a municipality code (four digits, e.g. 1283)`);
        ok = false;
      } else if (known.countyCode !== this.props.countyCode) {
        problem('municipality', `${municipality} (${known.name}) is not in this region (county ${this.props.countyCode})`);
        ok = false;
      }
      if (!isMonth(month)) {
        problem('month', `'${month}' is not a month (YYYY-MM)`);
        ok = false;
      } else if (monthIndex(month) < monthIndex(this.props.baselineMonth)) {
        problem('month', `${month} is before the baseline month ${this.props.baselineMonth}`);
        ok = false;
      } else if (monthIndex(month) > monthIndex(currentMonth)) {
        problem('month', `${month} has not begun yet (this month is ${currentMonth})`);
        ok = false;
      }
      if (!/^\d+$/.test(raw) || Number(raw) > MAX_FIGURE) {
        problem('value', `'${raw}' is not a whole number from 0 to ${MAX_FIGURE}`);
        ok = false;
      }
      if (!ok) continue;
      if (month !== this.props.baselineMonth && !baselines.has(municipality)) {
        problem('month', `${municipality} has no baseline for ${this.props.baselineMonth} yet; record that first`);
        continue;
      }
      const k = key(municipality, month);
      const earlier = seen.get(k);
      if (earlier !== undefined) {
        problem('month', `${municipality} ${month} is given twice (also on line ${earlier})`);
        continue;
      }
      seen.set(k, row.line);
      accepted.push({ municipality, month, value: Number(raw) });
    }
    if (rows.length === 0) problems.push({ line: 1, field: 'figures', message: 'no figure given' });
    if (problems.length > 0) throw new InvalidFiguresError(problems);
    for (const f of accepted) this.props.figures.set(key(f.municipality, f.month), f);
    this.props.revision += 1;
    this.props.updatedAt = now;
    return accepted;
  }

  get id(): string {
    return this.props.id;
  }
  get region(): string {
    return this.props.region;
  }

  toProps(): Readonly<GoalProps> {
    return { ...this.props, figures: new Map(this.props.figures) };
  }
}
