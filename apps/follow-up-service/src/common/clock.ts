/** The service's notion of "now", injected so that which months are closed can be tested on a fixed day. */
export abstract class Clock {
  abstract now(): Date;
}

export class SystemClock extends Clock {
  now(): Date {
    return new Date();
  }
}

const STOCKHOLM_DAY = new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Stockholm', year: 'numeric', month: '2-digit', day: '2-digit' });

/** The calendar day in Sweden as `YYYY-MM-DD`: months and days of the reports are Swedish ones. */
export function swedishDay(at: Date): string {
  return STOCKHOLM_DAY.format(at);
}
