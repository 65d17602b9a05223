import { ApiProperty } from '@nestjs/swagger';
import { IsUUID } from 'class-validator';

export class WhyQuery {
  @ApiProperty({ description: 'The competence need to explain her (non-)proposal for (UUID)' })
  @IsUUID()
  needId!: string;
}
