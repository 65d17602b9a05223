import { ApiProperty } from '@nestjs/swagger';
import { IsNumber, Matches, Max, Min } from 'class-validator';

export class RegionParam {
  @ApiProperty({ description: 'Region (tenant) as se-<county code>, e.g. se-14', example: 'se-14' })
  @Matches(/^se-\d{2}$/, { message: 'region must look like se-<2-digit county code>' })
  region!: string;
}

/** Points per factor; they must sum to 100. */
export class PutWeightsRequest {
  @ApiProperty({ description: 'Points for weighted task coverage', minimum: 0, maximum: 100 })
  @IsNumber()
  @Min(0)
  @Max(100)
  taskCoverage!: number;
  @ApiProperty({ description: "Points for the candidate's interests", minimum: 0, maximum: 100 })
  @IsNumber()
  @Min(0)
  @Max(100)
  interests!: number;
  @ApiProperty({ description: 'Points for a shortage occupation', minimum: 0, maximum: 100 })
  @IsNumber()
  @Min(0)
  @Max(100)
  shortage!: number;
  @ApiProperty({ description: 'Points for time waiting', minimum: 0, maximum: 100 }) @IsNumber() @Min(0) @Max(100) waiting!: number;
  @ApiProperty({ description: 'Points for support fit', minimum: 0, maximum: 100 }) @IsNumber() @Min(0) @Max(100) supportFit!: number;
}
