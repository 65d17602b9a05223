import { Type } from 'class-transformer';
import { ArrayMaxSize, IsBoolean, IsInt, IsUUID, Matches, Max, Min, IsDefined, IsObject, ValidateNested } from 'class-validator';
import { DATE, IsMunicipalityCode, SSYK, SupportNeedsV1 } from '../common';
import { defineContract } from '../contract';
import { Topics } from '../topics';

/**
 * The matching profile of a candidate: what matching needs and nothing more. It names her only by a pseudonymous
 * id; no contact details, identity number, language list or follow-up attribute (gender, country of birth, year of
 * arrival, reason for immigration) is ever part of a candidate event. After erasure the id links to nobody.
 */
export class CandidateProfileV1Payload {
  @IsUUID() candidateId!: string;
  @IsInt() @Min(1) revision!: number;
  @IsMunicipalityCode() homeMunicipality!: string;
  @Matches(DATE) availableFrom!: string;
  @IsInt() @Min(0) @Max(240) maxCommuteMinutes!: number;
  @ArrayMaxSize(20) @Matches(SSYK, { each: true }) interests!: string[];
  @IsDefined() @IsObject() @ValidateNested() @Type(() => SupportNeedsV1) supportNeeds!: SupportNeedsV1;
  /** Registration date, or the end of her last placement: how long she has waited. */
  @Matches(DATE) waitingSince!: string;
  @IsBoolean() matchingConsent!: boolean;
}

export const CandidateRegisteredV1 = defineContract({
  type: 'CandidateRegistered',
  version: 1,
  topic: Topics.candidates,
  payload: CandidateProfileV1Payload,
  key: 'candidateId',
});
export const CandidateProfileUpdatedV1 = defineContract({
  type: 'CandidateProfileUpdated',
  version: 1,
  topic: Topics.candidates,
  payload: CandidateProfileV1Payload,
  key: 'candidateId',
});
