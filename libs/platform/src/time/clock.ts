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
  /** The system clock, or one read from `now` when given (e.g. to read a month that has not closed in real time). */
  static forRoot(now?: () => Date): DynamicModule {
    return {
      module: ClockModule,
      global: true,
      providers: [now ? { provide: Clock, useValue: new FunctionClock(now) } : { provide: Clock, useClass: SystemClock }],
      exports: [Clock],
    };
  }
}
