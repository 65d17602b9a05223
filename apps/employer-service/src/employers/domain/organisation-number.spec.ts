import { legalFormGroup, luhnValid, organisationNumberProblem } from './organisation-number';

describe('organisation number', () => {
  it.each([
    ['556036-0793', 'a limited company (group 5)'],
    ['212000-1355', 'a municipality (group 2, 212000-)'],
    ['202100-5489', 'a government agency (group 2)'],
    ['802001-0784', 'a non-profit association (group 8)'],
  ])('accepts %s, %s', (value) => {
    expect(organisationNumberProblem(value)).toBeNull();
  });

  it.each([
    ['556036-0794', 'check-digit'],
    ['556036-0790', 'check-digit'],
    ['212000-1356', 'check-digit'],
    // Same digits, two swapped: Luhn catches adjacent transpositions.
    ['556306-0793', 'check-digit'],
  ])('rejects %s: the check digit does not match', (value, problem) => {
    expect(organisationNumberProblem(value)).toBe(problem);
  });

  it.each(['5560360793', '556036 0793', '55603-60793', '556036-079', '556036-07930', 'abcdef-ghij', '', '556036–0793'])(
    'rejects %j for its format',
    (value) => {
      expect(organisationNumberProblem(value)).toBe('format');
    },
  );

  it('rejects a personal identity number (third digit below 2, a month) even when its check digit is right', () => {
    // 811218-9876 is the Swedish tax agency's well-known example personal identity number, Luhn-valid.
    expect(luhnValid('8112189876')).toBe(true);
    expect(organisationNumberProblem('811218-9876')).toBe('not-a-legal-entity');
    expect(organisationNumberProblem('551218-9876')).toBe('not-a-legal-entity');
  });

  it('accepts a third digit of exactly 2', () => {
    expect(organisationNumberProblem('212000-1355')).toBeNull();
  });

  it('computes Luhn: every second digit from the right doubled, starting with the next-to-last', () => {
    expect(luhnValid('5560360793')).toBe(true);
    expect(luhnValid('5560360792')).toBe(false);
    expect(luhnValid('0000000000')).toBe(true);
    expect(luhnValid('18')).toBe(true);
    expect(luhnValid('81')).toBe(false);
    expect(luhnValid('55603607x3')).toBe(false);
  });

  it('reads the legal form group from the first digit', () => {
    expect(legalFormGroup('212000-1355')).toBe(2);
    expect(legalFormGroup('556036-0793')).toBe(5);
  });
});
