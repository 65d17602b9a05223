/**
 * The service's notion of "now". Injected so that rules about dates (a start date may not be in the past) can be
 * tested on a fixed day instead of on whatever day the suite happens to run.
 */
export abstract class Clock {
  abstract now(): Date;
}

export class SystemClock extends Clock {
  now(): Date {
    return new Date();
  }
}

const STOCKHOLM_DAY = new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Stockholm', year: 'numeric', month: '2-digit', day: '2-digit' });

/**
 * The calendar day in Sweden as `YYYY-MM-DD`. Start dates are Swedish calendar days, so "today" is Stockholm's
 * today: just after midnight in Sweden a need may start the same day even though UTC is still on yesterday.
 */
export function swedishDay(at: Date): string {
  return STOCKHOLM_DAY.format(at);
}
