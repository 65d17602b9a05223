import { ApiProperty } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsUUID } from 'class-validator';

export const NEED_IDS_MAX = 100;

export class NeedIdsRequest {
  @ApiProperty({
    description: `Need ids (uuid), comma-separated, 1 to ${NEED_IDS_MAX}`,
    type: String,
    example: '0b6b1b52-0d5e-4a8c-9a43-2c1f3c6f6b1e,5d0c2f7e-3a8b-4a51-8a0e-6f1b9d2c4e7a',
  })
  @Transform(({ value }: { value: unknown }) =>
    typeof value === 'string'
      ? value
          .split(',')
          .map((id) => id.trim().toLowerCase())
          .filter(Boolean)
      : value,
  )
  @ArrayMinSize(1, { message: 'ids: name at least one need id' })
  @ArrayMaxSize(NEED_IDS_MAX, { message: `ids: at most ${NEED_IDS_MAX} need ids per call` })
  @IsUUID('all', { each: true, message: 'ids: each must be a need id (uuid)' })
  ids!: string[];
}
