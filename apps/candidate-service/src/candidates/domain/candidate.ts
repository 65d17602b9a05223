import { getMunicipality, isKnownOccupation } from '@jobbspar/taxonomy';
import { InvalidFollowUpError, MatchingConsentRequiredError, UnknownMunicipalityError, UnknownOccupationError } from './candidate.errors';

export interface SupportNeeds {
  readonly closeSupervision: boolean;
  readonly languageSupport: boolean;
}

/** What a coordinator records about a candidate apart from contact details: the basis of her matching profile. */
export interface CandidateProfile {
  readonly homeMunicipality: string;
  /** YYYY-MM-DD */
  readonly availableFrom: string;
  readonly maxCommuteMinutes: number;
  /** SSYK 2012 codes. */
  readonly interests: readonly string[];
  readonly supportNeeds: SupportNeeds;
  /** ISO 639-1 codes, self-reported. Kept here for the coordinator; language matters to matching only through tasks. */
  readonly languages: readonly string[];
}

export interface ContactDetails {
  readonly name: string;
  readonly email?: string;
  readonly phone?: string;
}

export const GENDERS = ['woman', 'man', 'other', 'not-stated'] as const;
export const IMMIGRATION_REASONS = ['family-reunification', 'refugee', 'work', 'studies', 'other', 'not-stated'] as const;

/** Used only for aggregate statistics; never read by matching, never in an event or an employer-facing response. */
export interface FollowUpAttributes {
  readonly gender: (typeof GENDERS)[number];
  readonly bornAbroad: boolean;
  readonly yearOfArrival?: number;
  readonly reasonForImmigration?: (typeof IMMIGRATION_REASONS)[number];
}

/** Checks the taxonomy codes of a profile (shape is the HTTP layer's job). */
export function checkProfile(profile: CandidateProfile): void {
  if (!getMunicipality(profile.homeMunicipality)) throw new UnknownMunicipalityError('homeMunicipality', profile.homeMunicipality);
  profile.interests.forEach((ssyk, i) => {
    if (!isKnownOccupation(ssyk)) throw new UnknownOccupationError(`interests.${i}`, ssyk);
  });
}

export function requireMatchingConsent(given: boolean | undefined): void {
  if (given !== true) throw new MatchingConsentRequiredError();
}

/** `today` is the Swedish calendar day (`YYYY-MM-DD`), from the service's Clock. */
export function checkFollowUp(followUp: FollowUpAttributes, today: string): void {
  const { bornAbroad, yearOfArrival, reasonForImmigration } = followUp;
  if (!bornAbroad && yearOfArrival !== undefined) throw new InvalidFollowUpError('followUp.yearOfArrival', 'only for someone born abroad');
  if (!bornAbroad && reasonForImmigration !== undefined) {
    throw new InvalidFollowUpError('followUp.reasonForImmigration', 'only for someone born abroad');
  }
  if (yearOfArrival !== undefined && yearOfArrival > Number(today.slice(0, 4))) {
    throw new InvalidFollowUpError('followUp.yearOfArrival', 'is in the future');
  }
}

/** The region a candidate belongs to: the county of her home municipality. */
export function tenantOf(homeMunicipality: string): string {
  const municipality = getMunicipality(homeMunicipality);
  if (!municipality) throw new UnknownMunicipalityError('homeMunicipality', homeMunicipality);
  return `se-${municipality.countyCode}`;
}

export function sameProfile(a: CandidateProfile, b: CandidateProfile): boolean {
  const sameSet = (x: readonly string[], y: readonly string[]): boolean => x.length === y.length && x.every((v) => y.includes(v));
  return (
    a.homeMunicipality === b.homeMunicipality &&
    a.availableFrom === b.availableFrom &&
    a.maxCommuteMinutes === b.maxCommuteMinutes &&
    sameSet(a.interests, b.interests) &&
    sameSet(a.languages, b.languages) &&
    a.supportNeeds.closeSupervision === b.supportNeeds.closeSupervision &&
    a.supportNeeds.languageSupport === b.supportNeeds.languageSupport
  );
}
