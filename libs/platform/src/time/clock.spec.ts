import { Clock, ClockModule, FunctionClock, swedishDay, SystemClock, TravelClock } from './clock';

class At extends Clock {
  constructor(private readonly at: Date) {
    super();
  }

  now(): Date {
    return this.at;
  }
}

describe(swedishDay.name, () => {
  it("is Stockholm's calendar day, not UTC's", () => {
    // 23:30 UTC in winter is already 00:30 the next day in Sweden (UTC+1), and 22:30 UTC in summer too (UTC+2).
    expect(swedishDay(new Date('2030-01-09T23:30:00Z'))).toBe('2030-01-10');
    expect(swedishDay(new Date('2030-01-09T22:30:00Z'))).toBe('2030-01-09');
    expect(swedishDay(new Date('2030-06-30T22:30:00Z'))).toBe('2030-07-01');
    expect(swedishDay(new Date('2030-06-30T21:30:00Z'))).toBe('2030-06-30');
  });

  it('turns the year in Stockholm an hour before UTC does', () => {
    expect(swedishDay(new Date('2030-12-31T23:00:00Z'))).toBe('2031-01-01');
    expect(swedishDay(new Date('2030-12-31T22:59:59Z'))).toBe('2030-12-31');
  });
});

describe(Clock.name, () => {
  it('gives today as the Swedish day of its own now()', () => {
    expect(new At(new Date('2030-01-09T23:30:00Z')).today()).toBe('2030-01-10');
  });

  it('reads a function clock each time it is asked, and gives its Swedish day', () => {
    let at = new Date('2030-01-09T22:30:00Z');
    const clock = new FunctionClock(() => at);
    expect(clock.today()).toBe('2030-01-09');
    at = new Date('2030-01-09T23:30:00Z');
    expect(clock.now()).toBe(at);
    expect(clock.today()).toBe('2030-01-10');
  });

  it('is provided by ClockModule.using: the clock a composition root gives, else the system clock', () => {
    const at = new Date('2030-03-01T12:00:00Z');
    const given = ClockModule.using(new FunctionClock(() => at)).providers?.[0] as { provide: unknown; useValue: Clock };
    expect(given.provide).toBe(Clock);
    expect(given.useValue.now()).toBe(at);
    expect(ClockModule.using(undefined).providers).toEqual([{ provide: Clock, useClass: SystemClock }]);
  });

  it('reads the system time', () => {
    const before = Date.now();
    const now = new SystemClock().now().getTime();
    expect(now).toBeGreaterThanOrEqual(before);
    expect(now).toBeLessThanOrEqual(Date.now());
  });
});

describe(TravelClock.name, () => {
  it('reads the system time until sent elsewhere, then that instant plus the time passed, and comes back', () => {
    const clock = new TravelClock();
    expect(Math.abs(clock.now().getTime() - Date.now())).toBeLessThan(50);
    clock.travelTo('2025-02-01T09:00:00Z');
    const there = clock.now().getTime() - Date.parse('2025-02-01T09:00:00Z');
    expect(there).toBeGreaterThanOrEqual(0);
    expect(there).toBeLessThan(50);
    expect(clock.today()).toBe('2025-02-01');
    clock.backToNow();
    expect(Math.abs(clock.now().getTime() - Date.now())).toBeLessThan(50);
  });
});
