import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean, IsIn, IsNotEmpty, IsOptional, IsString, Matches, MaxLength } from 'class-validator';
import { SECTORS, Sector } from '../../../domain/employer';
import { ORGANISATION_NUMBER_FORMAT } from '../../../domain/organisation-number';

const trim = Transform(({ value }) => (typeof value === 'string' ? value.trim() : value));

export class RegisterEmployerRequest {
  @ApiProperty({
    description:
      "Swedish organisation number of the legal entity, NNNNNN-NNNN. The last digit is a Luhn check digit and the third digit is 2 or more (a lower one would be a person's identity number).",
    example: '212000-1355',
    pattern: ORGANISATION_NUMBER_FORMAT.source,
  })
  @IsString()
  @Matches(ORGANISATION_NUMBER_FORMAT, { message: 'organisationNumber must be NNNNNN-NNNN (ten digits, hyphen after the sixth)' })
  organisationNumber!: string;

  @ApiProperty({ description: "The organisation's registered name.", example: 'Skövde kommun', maxLength: 200 })
  @trim
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  name!: string;

  @ApiProperty({ description: 'Public sector (municipalities, regions, state) or private sector.', enum: SECTORS })
  @IsIn(SECTORS)
  sector!: Sector;

  @ApiProperty({
    description: 'Four-digit code (kommunkod) of the municipality where the employer is registered.',
    example: '1496',
    pattern: '^\\d{4}$',
  })
  @IsString()
  @Matches(/^\d{4}$/, { message: 'municipalityCode must be a four-digit municipality code' })
  municipalityCode!: string;

  @ApiPropertyOptional({
    description:
      'Whether the employer is a municipality itself. Only a municipality (public sector, organisation number in group 2) may compose new roles as municipal HR.',
    default: false,
  })
  @IsOptional()
  @IsBoolean()
  isMunicipality?: boolean;
}
