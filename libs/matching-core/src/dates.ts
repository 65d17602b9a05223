const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const DAY_MS = 86_400_000;

/** Days since 1970-01-01 for a calendar date `YYYY-MM-DD`; throws on anything else, including 2025-02-30. */
export function dayNumber(date: string, what: string): number {
  const m = ISO_DATE.exec(date);
  if (m === null) throw new RangeError(`${what} must be a date YYYY-MM-DD, got ${JSON.stringify(date)}`);
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const ms = Date.UTC(year, month - 1, day);
  const back = new Date(ms);
  if (back.getUTCFullYear() !== year || back.getUTCMonth() !== month - 1 || back.getUTCDate() !== day) {
    throw new RangeError(`${what} must be a calendar date, got ${JSON.stringify(date)}`);
  }
  return Math.round(ms / DAY_MS);
}
