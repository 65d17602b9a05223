import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { PageOffset, PageSize } from '@jobbspar/platform';
import { REVOCATION_REASONS } from '@jobbspar/contracts';
import { IsIn, IsInt, IsOptional, IsString, IsUUID, Matches, Max, MaxLength, Min } from 'class-validator';

const DATE_ONLY = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;

export class StartInternshipRequest {
  @ApiProperty({ description: 'Pseudonymous candidate id' })
  @IsUUID()
  candidateId!: string;

  @ApiProperty({ description: 'The workplace: an employer known from employer-service (its employerId)' })
  @IsUUID()
  workplaceId!: string;

  @ApiProperty({ description: "The supervisor's role at the workplace (e.g. 'kökschef'), never a person's name", maxLength: 80 })
  @IsString()
  @Matches(/^[\p{L}][\p{L} .,/&-]*$/u, { message: 'supervisorRole must be a role title (letters, spaces, . , / & -)' })
  @MaxLength(80)
  supervisorRole!: string;

  @ApiProperty({ description: 'First day of the internship (YYYY-MM-DD)' })
  @Matches(DATE_ONLY, { message: 'startDate must be a date YYYY-MM-DD' })
  startDate!: string;

  @ApiProperty({ description: 'Last day of the internship (YYYY-MM-DD), on or after startDate' })
  @Matches(DATE_ONLY, { message: 'endDate must be a date YYYY-MM-DD' })
  endDate!: string;
}

export class RecordAssessmentRequest {
  @ApiProperty({ description: 'The task assessed (taxonomy task id)', example: 'kitchen.serve-school-lunch', maxLength: 80 })
  @IsString()
  @MaxLength(80)
  taskId!: string;

  @ApiProperty({ description: 'Level reached: 1 with support, 2 independently, 3 can instruct others', minimum: 1, maximum: 3 })
  @IsInt()
  @Min(1)
  @Max(3)
  level!: number;

  @ApiProperty({ description: 'Day of the assessment (YYYY-MM-DD), within the internship period' })
  @Matches(DATE_ONLY, { message: 'assessedOn must be a date YYYY-MM-DD' })
  assessedOn!: string;

  @ApiPropertyOptional({
    description: "The supervisor's comment; stays in candidate-service, encrypted with her data key",
    maxLength: 1000,
  })
  @IsOptional()
  @IsString()
  @MaxLength(1000)
  comment?: string;
}

export class RevokeValidationRequest {
  @ApiProperty({ description: 'Why the validation no longer counts', enum: REVOCATION_REASONS })
  @IsIn(REVOCATION_REASONS)
  reason!: (typeof REVOCATION_REASONS)[number];
}

export class ListInternshipsQueryRequest {
  @ApiPropertyOptional({ description: "Only internships at this workplace (employer id): a supervisor's interns" })
  @IsOptional()
  @IsUUID()
  workplaceId?: string;

  @ApiPropertyOptional({ description: 'Only internships of this candidate (pseudonymous id)' })
  @IsOptional()
  @IsUUID()
  candidateId?: string;

  @PageSize({ max: 100, default: 50, description: 'Internships per page' })
  limit?: number;

  @PageOffset({ max: 1_000_000 })
  offset?: number;
}
