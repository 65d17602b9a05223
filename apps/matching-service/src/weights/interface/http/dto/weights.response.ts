import { ApiProperty } from '@nestjs/swagger';

export class WeightsResponse {
  @ApiProperty({ description: 'Region (tenant)' }) region!: string;
  @ApiProperty({ description: 'Version recorded with every proposal scored with these weights' }) version!: string;
  @ApiProperty({ description: 'Points for weighted task coverage' }) taskCoverage!: number;
  @ApiProperty({ description: "Points for the candidate's interests" }) interests!: number;
  @ApiProperty({ description: 'Points for a shortage occupation' }) shortage!: number;
  @ApiProperty({ description: 'Points for time waiting' }) waiting!: number;
  @ApiProperty({ description: 'Points for support fit' }) supportFit!: number;
  @ApiProperty({ description: "The region's earlier versions, oldest first", type: [String] }) history!: string[];
}
