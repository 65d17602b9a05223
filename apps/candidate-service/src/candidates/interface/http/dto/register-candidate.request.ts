import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsDefined,
  IsEmail,
  IsIn,
  IsInt,
  IsObject,
  IsOptional,
  IsString,
  Matches,
  Max,
  MaxLength,
  Min,
  MinLength,
  ValidateNested,
} from 'class-validator';
import { GENDERS, IMMIGRATION_REASONS } from '../../../domain/candidate';
import { ISO_639_1 } from './iso-639-1';

export const DATE_ONLY = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;

export class ContactRequest {
  @ApiProperty({ description: 'Her name as she wants to be addressed; encrypted at rest, never in events or logs', maxLength: 200 })
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  name!: string;

  @ApiPropertyOptional({ description: 'E-mail address; encrypted at rest', maxLength: 254 })
  @IsOptional()
  @IsEmail()
  @MaxLength(254)
  email?: string;

  @ApiPropertyOptional({ description: 'Phone number, digits with optional +, spaces and dashes; encrypted at rest', maxLength: 20 })
  @IsOptional()
  @Matches(/^\+?[0-9][0-9 -]{4,18}$/, { message: 'phone must be a phone number (digits, optional leading +, spaces or dashes)' })
  phone?: string;
}

export class SupportNeedsRequest {
  @ApiProperty({ description: "Needs a supervisor's close support at the workplace" })
  @IsBoolean()
  closeSupervision!: boolean;

  @ApiProperty({ description: 'Needs language support (e.g. vocational Swedish) at the workplace' })
  @IsBoolean()
  languageSupport!: boolean;
}

export class RegistrationConsentRequest {
  @ApiProperty({ description: 'Consent to be matched against competence needs; registration requires true' })
  @IsOptional()
  @IsBoolean()
  matching?: boolean;
}

export class FollowUpAttributesRequest {
  @ApiProperty({ description: 'Gender, for aggregate statistics only', enum: GENDERS })
  @IsIn(GENDERS)
  gender!: (typeof GENDERS)[number];

  @ApiProperty({ description: 'Born outside Sweden, for aggregate statistics only' })
  @IsBoolean()
  bornAbroad!: boolean;

  @ApiPropertyOptional({ description: 'Year she arrived in Sweden (only if born abroad)', minimum: 1900 })
  @IsOptional()
  @IsInt()
  @Min(1900)
  @Max(2100)
  yearOfArrival?: number;

  @ApiPropertyOptional({ description: 'Reason for immigration (only if born abroad)', enum: IMMIGRATION_REASONS })
  @IsOptional()
  @IsIn(IMMIGRATION_REASONS)
  reasonForImmigration?: (typeof IMMIGRATION_REASONS)[number];
}

export class ProfileFields {
  @ApiProperty({ description: 'Home municipality, 4-digit kommunkod (e.g. 1496 Skövde)', example: '1496' })
  @Matches(/^\d{4}$/, { message: 'homeMunicipality must be a 4-digit municipality code' })
  homeMunicipality!: string;

  @ApiProperty({ description: 'First day she can start (YYYY-MM-DD)', example: '2026-09-01' })
  @Matches(DATE_ONLY, { message: 'availableFrom must be a date YYYY-MM-DD' })
  availableFrom!: string;

  @ApiProperty({ description: 'Longest commute she accepts, in minutes one way (0-240)', minimum: 0, maximum: 240 })
  @IsInt()
  @Min(0)
  @Max(240)
  maxCommuteMinutes!: number;

  @ApiProperty({ description: 'Occupations she is interested in, SSYK 2012 codes (at most 20)', type: [String], example: ['9412'] })
  @IsArray()
  @ArrayMaxSize(20)
  @Matches(/^\d{4}$/, { each: true, message: 'each value in interests must be a 4-digit SSYK code' })
  interests!: string[];

  @ApiProperty({ description: 'Support she needs at a workplace', type: SupportNeedsRequest })
  @IsDefined()
  @IsObject()
  @ValidateNested()
  @Type(() => SupportNeedsRequest)
  supportNeeds!: SupportNeedsRequest;

  @ApiProperty({ description: 'Languages she speaks, ISO 639-1 codes (at most 20), self-reported', type: [String], example: ['ar', 'sv'] })
  @IsArray()
  @ArrayMaxSize(20)
  @IsIn(ISO_639_1, { each: true, message: 'each value in languages must be an ISO 639-1 language code' })
  languages!: string[];
}

export class RegisterCandidateRequest extends ProfileFields {
  @ApiPropertyOptional({
    description: 'Personnummer or samordningsnummer, YYYYMMDDNNNN or YYYYMMDD-NNNN; encrypted at rest, never shown in full again',
    example: '19811218-9876',
  })
  @IsOptional()
  @IsString()
  @Matches(/^\d{8}-?\d{4}$/, { message: 'personalIdentityNumber must be 12 digits, YYYYMMDDNNNN or YYYYMMDD-NNNN' })
  personalIdentityNumber?: string;

  @ApiProperty({ description: 'Contact details; encrypted at rest and shown only to coordinators', type: ContactRequest })
  @IsDefined()
  @IsObject()
  @ValidateNested()
  @Type(() => ContactRequest)
  contact!: ContactRequest;

  @ApiProperty({ description: 'Consent given at registration; `matching` must be true', type: RegistrationConsentRequest })
  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => RegistrationConsentRequest)
  consent?: RegistrationConsentRequest;

  @ApiPropertyOptional({
    description: 'Follow-up attributes, voluntary; used only in aggregate statistics',
    type: FollowUpAttributesRequest,
  })
  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => FollowUpAttributesRequest)
  followUp?: FollowUpAttributesRequest;
}
