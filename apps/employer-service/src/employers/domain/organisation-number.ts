/**
 * Swedish organisation numbers (organisationsnummer) of legal entities: `NNNNNN-NNNN`, where the tenth digit is a
 * Luhn (mod 10) check digit over the first nine, and the third digit is at least 2. The third-digit rule is what
 * tells a legal entity from a person: in a personal identity number the third and fourth digits are a month (01-12).
 * The first digit is the legal form group: 2 for the state, regions, municipalities and parishes, 5 for limited
 * companies, and so on.
 */
export const ORGANISATION_NUMBER_FORMAT = /^\d{6}-\d{4}$/;

export type OrganisationNumberProblem = 'format' | 'not-a-legal-entity' | 'check-digit';

/** Luhn over all digits: from the left, every other digit doubled (the first included), digit sums added. */
export function luhnValid(digits: string): boolean {
  if (!/^\d+$/.test(digits)) return false;
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let d = digits.charCodeAt(i) - 48;
    // Ten digits: the doubled positions are the even indexes counted from the left (2-1-2-1... weighting).
    if ((digits.length - i) % 2 === 0) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return sum % 10 === 0;
}

export function organisationNumberProblem(value: string): OrganisationNumberProblem | null {
  if (!ORGANISATION_NUMBER_FORMAT.test(value)) return 'format';
  const digits = value.replace('-', '');
  if (Number(digits[2]) < 2) return 'not-a-legal-entity';
  if (!luhnValid(digits)) return 'check-digit';
  return null;
}

/** The legal form group; 2 covers the state, regions and municipalities (all municipalities are 212000-xxxx). */
export function legalFormGroup(value: string): number {
  return Number(value[0]);
}
