import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

export class TaxonomySummaryResponse {
  @ApiProperty({ description: 'Taxonomy version; roles record the version their tasks were taken from.' }) version!: string;
  @ApiProperty({ description: 'Number of occupations (SSYK 2012 unit groups).' }) occupations!: number;
  @ApiProperty({ description: 'Number of work tasks.' }) tasks!: number;
  @ApiProperty({ description: 'Number of counties (län).' }) counties!: number;
  @ApiProperty({ description: 'Number of municipalities (kommuner).' }) municipalities!: number;
}

export class OccupationResponse {
  @ApiProperty({ description: 'SSYK 2012 code, four digits.' }) ssyk!: string;
  @ApiProperty({ description: 'Swedish name.' }) nameSv!: string;
  @ApiProperty({ description: 'English name.' }) nameEn!: string;
  @ApiProperty({ description: 'Occupational area, e.g. care, food, construction.' }) area!: string;
  @ApiProperty({ description: "Task ids that are must-haves in the occupation's standard role.", type: [String] }) coreTaskIds!: string[];
}

export class TaskLevelsResponse {
  @ApiProperty({ name: '1', description: 'What level 1 (with support) means for this task.' }) 1!: string;
  @ApiProperty({ name: '2', description: 'What level 2 (independently) means for this task.' }) 2!: string;
  @ApiProperty({ name: '3', description: 'What level 3 (can instruct others) means for this task.' }) 3!: string;
}

export class LanguageDemandResponse {
  @ApiProperty({ description: 'Kind of demand.', enum: ['reads-written-instructions', 'oral-communication', 'writes-documentation'] })
  kind!: string;
  @ApiProperty({ description: 'What is read, said or written, in Swedish.' }) description!: string;
}

export class TaskResponse {
  @ApiProperty({ description: 'Stable task id.' }) id!: string;
  @ApiProperty({ description: 'Swedish name.' }) nameSv!: string;
  @ApiProperty({ description: 'English name.' }) nameEn!: string;
  @ApiProperty({ description: 'SSYK codes of the occupations the task belongs to; the first is the most typical.', type: [String] })
  occupations!: string[];
  @ApiProperty({ description: 'What each level means for this task.', type: TaskLevelsResponse }) levels!: TaskLevelsResponse;
  @ApiPropertyOptional({ description: 'Language demand of the task, if any.', type: LanguageDemandResponse })
  languageDemand?: LanguageDemandResponse;
}

export class CountyResponse {
  @ApiProperty({ description: 'Two-digit county code (länskod).' }) code!: string;
  @ApiProperty({ description: 'County name.' }) name!: string;
}

export class MunicipalityResponse {
  @ApiProperty({ description: 'Four-digit municipality code (kommunkod).' }) code!: string;
  @ApiProperty({ description: 'Municipality name.' }) name!: string;
  @ApiProperty({ description: 'Two-digit code of its county.' }) countyCode!: string;
  @ApiProperty({ description: 'Municipal seat (centralort), whose position the commute model uses.' }) seat!: string;
  @ApiProperty({ description: 'Latitude of the seat.' }) lat!: number;
  @ApiProperty({ description: 'Longitude of the seat.' }) lon!: number;
}

export class RoleTemplateTaskResponse {
  @ApiProperty({ description: 'Task id.' }) taskId!: string;
  @ApiProperty({ description: 'Required level 1-3.' }) requiredLevel!: number;
  @ApiProperty({ description: 'must-have or nice-to-have.' }) weight!: string;
}

export class RoleTemplateResponse {
  @ApiProperty({ description: 'Template key, e.g. serviceassistent.' }) key!: string;
  @ApiProperty({ description: 'Swedish name.' }) nameSv!: string;
  @ApiProperty({ description: 'English name.' }) nameEn!: string;
  @ApiProperty({ description: 'What the role does.' }) description!: string;
  @ApiProperty({ description: 'Occupations the tasks are split off from (SSYK codes).', type: [String] }) occupations!: string[];
  @ApiProperty({ description: 'The weighted tasks, ready for POST /roles.', type: [RoleTemplateTaskResponse] })
  tasks!: RoleTemplateTaskResponse[];
}

export class ShortageOverrideResponse {
  @ApiProperty({ description: 'County code.' }) countyCode!: string;
  @ApiProperty({ description: 'SSYK code.' }) ssyk!: string;
  @ApiProperty({ description: 'The flag that replaces the taxonomy default.' }) shortage!: boolean;
  @ApiProperty({ description: 'Who set it (actor).' }) setBy!: string;
  @ApiProperty({ description: 'When it was set (ISO 8601).', format: 'date-time' }) setAt!: string;
}

export class CountyShortageResponse {
  @ApiProperty({ description: 'County code.' }) countyCode!: string;
  @ApiProperty({ description: 'SSYK codes in shortage in the county, overrides applied.', type: [String] }) occupations!: string[];
  @ApiProperty({ description: "The administrator's overrides for this county.", type: [ShortageOverrideResponse] })
  overrides!: ShortageOverrideResponse[];
}
