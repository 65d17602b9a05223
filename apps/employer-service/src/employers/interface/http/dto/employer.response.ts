import { ApiProperty } from '@nestjs/swagger';
import type { EmployerView } from '../../../application/queries/employer.view';
import { SECTORS, Sector } from '../../../domain/employer';

export class EmployerResponse implements EmployerView {
  @ApiProperty({ description: 'Employer id.', format: 'uuid' }) id!: string;
  @ApiProperty({ description: 'Organisation number, NNNNNN-NNNN.', example: '212000-1355' }) organisationNumber!: string;
  @ApiProperty({ description: "The organisation's name." }) name!: string;
  @ApiProperty({ description: 'Public or private sector.', enum: SECTORS }) sector!: Sector;
  @ApiProperty({ description: 'Four-digit code of the municipality where the employer is registered.' }) municipalityCode!: string;
  @ApiProperty({ description: "Two-digit code of that municipality's county; the employer's tenant is `se-<countyCode>`." })
  countyCode!: string;
  @ApiProperty({ description: 'Whether the employer is a municipality (may compose roles as municipal HR).' }) isMunicipality!: boolean;
  @ApiProperty({ description: 'When it was registered (ISO 8601).', format: 'date-time' }) registeredAt!: string;
}

export class EmployerPageResponse {
  @ApiProperty({ description: 'The employers on this page.', type: [EmployerResponse] }) items!: EmployerResponse[];
  @ApiProperty({ description: 'How many employers match the filters in all.' }) total!: number;
  @ApiProperty({ description: 'Page size used.' }) limit!: number;
  @ApiProperty({ description: 'Items skipped before this page.' }) offset!: number;
}
