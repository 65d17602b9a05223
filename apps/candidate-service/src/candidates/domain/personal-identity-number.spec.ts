import { InvalidIdentityNumberError } from './candidate.errors';
import { luhnCheckDigit, parsePersonalIdentityNumber } from './personal-identity-number';

/** Builds a valid number from a date and a three-digit serial by computing its check digit. */
function valid(yyyymmdd: string, serial = '987'): string {
  return `${yyyymmdd}${serial}${luhnCheckDigit(`${yyyymmdd.slice(2)}${serial}`)}`;
}

describe(parsePersonalIdentityNumber.name, () => {
  const today = '2026-11-23';

  it('accepts a known valid number with and without the dash, normalised to twelve digits', () => {
    expect(parsePersonalIdentityNumber('19811218-9876', today)).toEqual({ normalised: '198112189876', coordinationNumber: false });
    expect(parsePersonalIdentityNumber('198112189876', today).normalised).toBe('198112189876');
  });

  it('computes the Luhn check digit over the last ten digits', () => {
    expect(luhnCheckDigit('811218987')).toBe(6);
    expect(luhnCheckDigit('640823323')).toBe(4);
  });

  it('rejects a wrong check digit', () => {
    expect(() => parsePersonalIdentityNumber('19811218-9875', today)).toThrow(/check digit/);
    expect(() => parsePersonalIdentityNumber('19811218-9877', today)).toThrow(InvalidIdentityNumberError);
  });

  it.each([
    ['a 30th of February', '20000230'],
    ['month 13', '19901301'],
    ['day 00', '19900100'],
    ['a 29th of February in a non-leap year', '19010229'],
  ])('rejects %s even with a matching check digit', (_, date) => {
    expect(() => parsePersonalIdentityNumber(valid(date), today)).toThrow(/not a real date/);
  });

  it('accepts the 29th of February in a leap year', () => {
    expect(parsePersonalIdentityNumber(valid('20000229'), today).normalised).toBe(valid('20000229'));
  });

  it('accepts a coordination number (day + 60) and flags it', () => {
    const number = valid('19900175');
    expect(parsePersonalIdentityNumber(number, today)).toEqual({ normalised: number, coordinationNumber: true });
  });

  it('rejects a coordination number whose day minus 60 is not a real date', () => {
    expect(() => parsePersonalIdentityNumber(valid('19900292'), today)).toThrow(/not a real date/);
  });

  it('rejects a date of birth in the future', () => {
    expect(() => parsePersonalIdentityNumber(valid('20261124'), today)).toThrow(/future/);
    expect(parsePersonalIdentityNumber(valid('20261123'), today).normalised).toBe(valid('20261123'));
    expect(() => parsePersonalIdentityNumber(valid('20261184'), today)).toThrow(/future/); // coordination number, day + 60
  });

  it.each(['8112189876', '19811218+9876', '1981121898766', '19811218-987', 'abcdefgh-ijkl', ''])('rejects the shape %p', (input) => {
    expect(() => parsePersonalIdentityNumber(input, today)).toThrow(/12 digits/);
  });

  it('names the field but never echoes the number', () => {
    try {
      parsePersonalIdentityNumber('19811218-9875', today);
      throw new Error('expected a rejection');
    } catch (error) {
      expect((error as Error).message).toMatch(/^personalIdentityNumber: /);
      expect((error as Error).message).not.toContain('9875');
    }
  });
});
