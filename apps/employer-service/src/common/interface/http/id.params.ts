import { ApiProperty } from '@nestjs/swagger';
import { IsUUID } from 'class-validator';

/** A path id; a malformed one is a 400 naming `id`, before anything is looked up. */
export class IdParams {
  @ApiProperty({ description: 'The resource id (UUID).', format: 'uuid' })
  @IsUUID()
  id!: string;
}
