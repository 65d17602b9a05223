import { IsBoolean, IsIn, IsString, IsUUID, Matches, MaxLength } from 'class-validator';
import { IsMunicipalityCode } from '../common';
import { defineContract } from '../contract';
import { Topics } from '../topics';

export class EmployerRegisteredV1Payload {
  @IsUUID() employerId!: string;
  /** A legal entity's number (NNNNNN-NNNN); sole traders are not registered as employers here. */
  @Matches(/^\d{6}-\d{4}$/) organisationNumber!: string;
  @IsString() @MaxLength(200) name!: string;
  @IsIn(['public', 'private']) sector!: 'public' | 'private';
  @IsMunicipalityCode() municipalityCode!: string;
  /** A municipality as employer can act as municipal HR and compose new roles. */
  @IsBoolean() isMunicipality!: boolean;
}

export const EmployerRegisteredV1 = defineContract({
  type: 'EmployerRegistered',
  version: 1,
  topic: Topics.employers,
  payload: EmployerRegisteredV1Payload,
  key: 'employerId',
});
