import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsUUID, Max, Min } from 'class-validator';

export class JobTrackRequest {
  @ApiProperty({ description: 'The target role (a role id from employer-service)' })
  @IsUUID()
  roleId!: string;

  @ApiPropertyOptional({ description: 'A specific version of the role; the latest known when absent', minimum: 1 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(100000)
  roleVersion?: number;
}

class JobTrackStepResponse {
  @ApiProperty({ description: 'Task id' })
  taskId!: string;

  @ApiProperty({ description: 'Task name (Swedish)' })
  taskName!: string;

  @ApiProperty({ description: 'Level the role requires (1-3)' })
  requiredLevel!: number;

  @ApiProperty({ description: 'Her certified level now, or null', nullable: true, type: Number })
  currentLevel!: number | null;

  @ApiProperty({ description: 'must-have or nice-to-have', enum: ['must-have', 'nice-to-have'] })
  weight!: 'must-have' | 'nice-to-have';

  @ApiProperty({ description: 'Open needs within her commute that this step alone would open to her' })
  opensNeeds!: number;
}

class JobTrackPlacementResponse {
  @ApiProperty({ description: 'Placement id' })
  placementId!: string;

  @ApiProperty({ description: 'The competence need' })
  needId!: string;

  @ApiProperty({ description: 'The employer' })
  employerId!: string;

  @ApiProperty({ description: 'internship, work-training or employment' })
  placementType!: string;

  @ApiProperty({ description: 'Start date (YYYY-MM-DD)' })
  startDate!: string;

  @ApiProperty({ description: 'End date (YYYY-MM-DD), or null while ongoing', nullable: true, type: String })
  endDate!: string | null;

  @ApiProperty({ description: 'Outcome once ended, or null', nullable: true, type: String })
  outcome!: string | null;
}

export class JobTrackResponse {
  @ApiProperty({ description: 'Pseudonymous candidate id' })
  candidateId!: string;

  @ApiProperty({ description: 'Target role id' })
  roleId!: string;

  @ApiProperty({ description: 'Role version used' })
  roleVersion!: number;

  @ApiProperty({ description: 'Role name' })
  roleName!: string;

  @ApiProperty({ description: 'Municipalities within her maximum commute', type: [String] })
  nearbyMunicipalities!: string[];

  @ApiProperty({ description: 'Open needs with positions left within her commute' })
  openNeedsNearby!: number;

  @ApiProperty({ description: 'Tasks still missing or below the required level, most useful first', type: [JobTrackStepResponse] })
  steps!: JobTrackStepResponse[];

  @ApiProperty({ description: 'Her placements so far', type: [JobTrackPlacementResponse] })
  placements!: JobTrackPlacementResponse[];
}
