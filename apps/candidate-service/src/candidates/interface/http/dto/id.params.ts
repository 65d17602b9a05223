import { ApiProperty } from '@nestjs/swagger';
import { IsUUID } from 'class-validator';

export class IdParams {
  @ApiProperty({ description: 'The resource id (uuid)' })
  @IsUUID()
  id!: string;
}
