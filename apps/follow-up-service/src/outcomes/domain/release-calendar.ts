import { addDays, addMonths, lastDayOf, monthIndex } from '../../common/months';

/** The first day a month may be published: after it has closed and the grace for its follow-ups has run out. */
export function releaseDay(month: string, graceDays: number): string {
  return addDays(lastDayOf(month), graceDays + 1);
}

export function isReleased(month: string, today: string, graceDays: number): boolean {
  return today >= releaseDay(month, graceDays);
}

/** The released months from `first` on, oldest first. */
export function releasedMonths(first: string | null, today: string, graceDays: number): string[] {
  if (first === null) return [];
  const months: string[] = [];
  for (let m = first; monthIndex(m) <= monthIndex(today.slice(0, 7)) && isReleased(m, today, graceDays); m = addMonths(m, 1))
    months.push(m);
  return months;
}
