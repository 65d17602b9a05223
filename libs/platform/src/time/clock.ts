import { DynamicModule, Global, Module } from '@nestjs/common';

const STOCKHOLM_DAY = new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Stockholm', year: 'numeric', month: '2-digit', day: '2-digit' });

/**
 * The calendar day in Sweden (Europe/Stockholm) as `YYYY-MM-DD`. Start dates, availability and due dates are
 * Swedish calendar days, so "today" is Stockholm's today: just after midnight in Sweden it is already the next day
 * although UTC is still on yesterday.
 */
export function swedishDay(at: Date): string {
  return STOCKHOLM_DAY.format(at);
}

/**
 * The one notion of time in every service: `now()` is the instant, `today()` the Swedish calendar day. Inject
 * `Clock` (the abstract class is the provider token; `ClockModule` binds it to the system clock) instead of calling
 * `new Date()`, so rules about dates can be tested on a fixed day (`FixedClock` in `@jobbspar/testing`).
 */
export abstract class Clock {
  abstract now(): Date;

  /** Sweden's calendar day at `now()`, `YYYY-MM-DD`. */
  today(): string {
    return swedishDay(this.now());
  }
}

export class SystemClock extends Clock {
  now(): Date {
    return new Date();
  }
}

/**
 * The system clock until someone sends it elsewhere: a history (accepted and placed months ago, followed up since)
 * is made by living through it, so the date rules that forbid backdating hold for the demo and the end-to-end tests
 * as they do for everyone. Only a composition root (the demo's, a test's) creates one.
 */
export class TravelClock extends Clock {
  private offsetMs = 0;

  now(): Date {
    return new Date(Date.now() + this.offsetMs);
  }

  /** From now on the clock reads `at` plus the time that passes. */
  travelTo(at: Date | string): void {
    this.offsetMs = new Date(at).getTime() - Date.now();
  }

  backToNow(): void {
    this.offsetMs = 0;
  }
}

/** A clock read from a function: a test (or the demo) sets "now" for a whole service this way. */
export class FunctionClock extends Clock {
  constructor(private readonly read: () => Date) {
    super();
  }

  now(): Date {
    return this.read();
  }
}

/** Provides `Clock` (the system clock) to every module of the application that imports it once. */
@Global()
@Module({
  providers: [{ provide: Clock, useClass: SystemClock }],
  exports: [Clock],
})
export class ClockModule {
  /**
   * The clock a composition root chose (an end-to-end test that travels in time), else the system clock. Date rules
   * are then tested through the real service as they run, not by backdating what the rules forbid.
   */
  static using(clock: Clock | undefined): DynamicModule {
    return {
      module: ClockModule,
      global: true,
      providers: [clock ? { provide: Clock, useValue: clock } : { provide: Clock, useClass: SystemClock }],
      exports: [Clock],
    };
  }
}
