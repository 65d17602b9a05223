import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, Matches } from 'class-validator';

export class ReviewQueueEventsQuery {
  @ApiPropertyOptional({ description: 'Only changes of proposals for needs in this municipality', example: '1496' })
  @IsOptional()
  @Matches(/^\d{4}$/, { message: 'municipality must be a four-digit municipality code' })
  municipality?: string;
}
