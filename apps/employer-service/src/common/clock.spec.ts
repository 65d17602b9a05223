import { swedishDay } from './clock';

describe(swedishDay.name, () => {
  it("is Stockholm's calendar day, not UTC's", () => {
    // 23:30 UTC in winter is already 00:30 the next day in Sweden (UTC+1), and 22:30 UTC in summer too (UTC+2).
    expect(swedishDay(new Date('2030-01-09T23:30:00Z'))).toBe('2030-01-10');
    expect(swedishDay(new Date('2030-01-09T22:30:00Z'))).toBe('2030-01-09');
    expect(swedishDay(new Date('2030-06-30T22:30:00Z'))).toBe('2030-07-01');
    expect(swedishDay(new Date('2030-06-30T21:30:00Z'))).toBe('2030-06-30');
  });
});
