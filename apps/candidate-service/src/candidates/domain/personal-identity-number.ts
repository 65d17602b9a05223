import { InvalidIdentityNumberError } from './candidate.errors';

/** A checked Swedish personal identity number (personnummer) or coordination number (samordningsnummer). */
export interface PersonalIdentityNumber {
  /** Twelve digits, no separator: the form the blind index is computed over, so both spellings find the same person. */
  readonly normalised: string;
  readonly coordinationNumber: boolean;
}

const SHAPE = /^(\d{4})(\d{2})(\d{2})-?(\d{4})$/;

/** Luhn over the ten digits YYMMDDNNN C: the check digit C makes the weighted digit sum a multiple of ten. */
export function luhnCheckDigit(nineDigits: string): number {
  let sum = 0;
  for (let i = 0; i < 9; i++) {
    const product = Number(nineDigits[i]) * (i % 2 === 0 ? 2 : 1);
    sum += product > 9 ? product - 9 : product;
  }
  return (10 - (sum % 10)) % 10;
}

function isRealDate(year: number, month: number, day: number): boolean {
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

/**
 * Accepts YYYYMMDDNNNN or YYYYMMDD-NNNN with a real date of birth (day + 60 for a coordination number) that is not
 * in the future, and a correct check digit. Throws InvalidIdentityNumberError naming what is wrong, never the value.
 */
export function parsePersonalIdentityNumber(input: string, today: string): PersonalIdentityNumber {
  const match = SHAPE.exec(input);
  if (!match) throw new InvalidIdentityNumberError('must be 12 digits, YYYYMMDDNNNN or YYYYMMDD-NNNN');
  const [, yyyy, mm, dd, serial] = match;
  const year = Number(yyyy);
  const month = Number(mm);
  let day = Number(dd);
  const coordinationNumber = day > 60;
  if (coordinationNumber) day -= 60;
  if (year < 1850 || !isRealDate(year, month, day)) throw new InvalidIdentityNumberError('the date of birth is not a real date');
  if (`${yyyy}-${mm}-${String(day).padStart(2, '0')}` > today) throw new InvalidIdentityNumberError('the date of birth is in the future');
  const ten = `${yyyy.slice(2)}${mm}${dd}${serial}`;
  if (luhnCheckDigit(ten.slice(0, 9)) !== Number(ten[9])) throw new InvalidIdentityNumberError('the check digit is wrong');
  return { normalised: `${yyyy}${mm}${dd}${serial}`, coordinationNumber };
}
