import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { CONSENT_PURPOSES, ConsentPurpose } from '@jobbspar/contracts';

export class CandidateRegisteredResponse {
  @ApiProperty({ description: 'Pseudonymous candidate id: the only identifier that leaves candidate-service' })
  candidateId!: string;

  @ApiProperty({ description: 'Revision of the candidate after this change (increases with every event about her)' })
  revision!: number;
}

class SupportNeedsResponse {
  @ApiProperty({ description: "Needs a supervisor's close support" })
  closeSupervision!: boolean;

  @ApiProperty({ description: 'Needs language support' })
  languageSupport!: boolean;
}

class ContactResponse {
  @ApiProperty({ description: 'Name' })
  name!: string;

  @ApiPropertyOptional({ description: 'E-mail address' })
  email?: string;

  @ApiPropertyOptional({ description: 'Phone number' })
  phone?: string;
}

export class ConsentResponse {
  @ApiProperty({ description: 'Pseudonymous candidate id' })
  candidateId!: string;

  @ApiProperty({ description: 'What the consent is for', enum: CONSENT_PURPOSES })
  purpose!: ConsentPurpose;

  @ApiProperty({ description: 'Whether the consent is given now' })
  given!: boolean;

  @ApiProperty({ description: 'When it was last given or withdrawn (ISO 8601)' })
  changedAt!: string;

  @ApiProperty({ description: 'False if it already had this value: nothing was changed or published' })
  changed!: boolean;
}

class ConsentStateResponse {
  @ApiProperty({ description: 'What the consent is for', enum: CONSENT_PURPOSES })
  purpose!: ConsentPurpose;

  @ApiProperty({ description: 'Whether it is given' })
  given!: boolean;

  @ApiProperty({ description: 'When it was last given or withdrawn (ISO 8601)' })
  changedAt!: string;
}

export class CandidateSummaryResponse {
  @ApiProperty({ description: 'Pseudonymous candidate id' })
  candidateId!: string;

  @ApiProperty({ description: 'Region (tenant) she belongs to: se-<county code> of her home municipality' })
  region!: string;

  @ApiProperty({ description: 'Revision, increased by every event about her' })
  revision!: number;

  @ApiProperty({ description: 'Home municipality (4-digit code)' })
  homeMunicipality!: string;

  @ApiProperty({ description: 'First day she can start (YYYY-MM-DD)' })
  availableFrom!: string;

  @ApiProperty({ description: 'Longest accepted commute, minutes one way' })
  maxCommuteMinutes!: number;

  @ApiProperty({ description: 'Occupations of interest (SSYK 2012)', type: [String] })
  interests!: readonly string[];

  @ApiProperty({ description: 'Support needs', type: SupportNeedsResponse })
  supportNeeds!: SupportNeedsResponse;

  @ApiProperty({ description: 'Self-reported languages (ISO 639-1)', type: [String] })
  languages!: readonly string[];

  @ApiProperty({ description: 'Registration date or end of her last placement (YYYY-MM-DD): how long she has waited' })
  waitingSince!: string;

  @ApiProperty({ description: 'When she was registered (ISO 8601)' })
  registeredAt!: string;
}

export class CandidateListItemResponse extends CandidateSummaryResponse {
  @ApiProperty({ description: 'Whether her matching consent is active' })
  matchingConsent!: boolean;
}

export class CandidatePageResponse {
  @ApiProperty({ description: 'Candidates on this page, without contact details', type: [CandidateListItemResponse] })
  items!: CandidateListItemResponse[];

  @ApiProperty({ description: 'Page number, from 1' })
  page!: number;

  @ApiProperty({ description: 'Page size' })
  pageSize!: number;

  @ApiProperty({ description: 'Candidates matching the filter, on all pages' })
  total!: number;
}

export class CandidateResponse extends CandidateSummaryResponse {
  @ApiProperty({ description: 'Contact details (coordinator view only)', type: ContactResponse })
  contact!: ContactResponse;

  @ApiProperty({ description: 'Identity number with the last four digits hidden, or null if none was given', nullable: true, type: String })
  personalIdentityNumberMasked!: string | null;

  @ApiProperty({ description: 'Her consents', type: [ConsentStateResponse] })
  consents!: ConsentStateResponse[];

  @ApiProperty({
    description: 'Certified level per task id (highest valid validation)',
    type: 'object',
    additionalProperties: { type: 'integer' },
  })
  taskLevels!: Record<string, number>;
}

export class FollowUpStatisticsResponse {
  @ApiProperty({ description: 'The municipality, or null for all', nullable: true, type: String })
  municipality!: string | null;

  @ApiProperty({ description: 'Candidates counted; null when fewer than smallestShownCount', nullable: true, type: Number })
  total!: number | null;

  @ApiProperty({
    description: 'Count per gender; null where suppressed',
    type: 'object',
    additionalProperties: { type: 'integer', nullable: true },
  })
  gender!: Record<string, number | null>;

  @ApiProperty({
    description: 'Count born abroad (yes/no); null where suppressed',
    type: 'object',
    additionalProperties: { type: 'integer', nullable: true },
  })
  bornAbroad!: Record<string, number | null>;

  @ApiProperty({
    description: 'Count per reason for immigration; null where suppressed',
    type: 'object',
    additionalProperties: { type: 'integer', nullable: true },
  })
  reasonForImmigration!: Record<string, number | null>;

  @ApiProperty({ description: 'Cells with 1 up to this count minus one are suppressed (with one complementary cell)' })
  smallestShownCount!: number;
}

class CandidateNameResponse {
  @ApiProperty({ description: 'Pseudonymous candidate id' })
  candidateId!: string;

  @ApiProperty({ description: 'Her name (contact details), for the coordinator of her area' })
  name!: string;
}

export class CandidateNamesResponse {
  @ApiProperty({
    description:
      "The names of the ids asked for that live in the caller's area, in the order asked; an id outside it, unknown or erased is left out",
    type: [CandidateNameResponse],
  })
  items!: CandidateNameResponse[];
}
