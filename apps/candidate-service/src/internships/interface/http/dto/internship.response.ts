import { ApiProperty } from '@nestjs/swagger';

export class InternshipCreatedResponse {
  @ApiProperty({ description: 'Id of the new internship' })
  internshipId!: string;
}

export class AssessmentCreatedResponse {
  @ApiProperty({ description: 'Id of the recorded assessment; certify it to make it a task validation' })
  assessmentId!: string;
}

export class AssessmentResponse {
  @ApiProperty({ description: 'Assessment id' })
  assessmentId!: string;

  @ApiProperty({ description: 'Task id' })
  taskId!: string;

  @ApiProperty({ description: 'Level 1-3' })
  level!: number;

  @ApiProperty({ description: 'Day of the assessment (YYYY-MM-DD)' })
  assessedOn!: string;

  @ApiProperty({ description: "The supervisor's comment, or null", nullable: true, type: String })
  comment!: string | null;

  @ApiProperty({ description: 'The validation certified from it, or null while uncertified', nullable: true, type: String })
  validationId!: string | null;
}

export class InternshipResponse {
  @ApiProperty({ description: 'Internship id' })
  internshipId!: string;

  @ApiProperty({ description: 'Pseudonymous candidate id' })
  candidateId!: string;

  @ApiProperty({ description: 'Workplace (employer id)' })
  workplaceId!: string;

  @ApiProperty({ description: "Supervisor's role at the workplace" })
  supervisorRole!: string;

  @ApiProperty({ description: 'First day (YYYY-MM-DD)' })
  startDate!: string;

  @ApiProperty({ description: 'Last day (YYYY-MM-DD)' })
  endDate!: string;

  @ApiProperty({ description: 'Assessments recorded during it', type: [AssessmentResponse] })
  assessments!: AssessmentResponse[];
}

export class ValidationResponse {
  @ApiProperty({ description: 'Id of the task validation' })
  validationId!: string;

  @ApiProperty({ description: 'Pseudonymous candidate id' })
  candidateId!: string;

  @ApiProperty({ description: 'Task id' })
  taskId!: string;

  @ApiProperty({ description: 'Certified level 1-3' })
  level!: number;

  @ApiProperty({ description: 'Her level on the task now: the highest valid validation' })
  effectiveLevel!: number;

  @ApiProperty({ description: 'The lower validation this one supersedes, or null', nullable: true, type: String })
  supersedes!: string | null;
}

export class RevocationResponse {
  @ApiProperty({ description: 'Id of the revoked validation' })
  validationId!: string;

  @ApiProperty({ description: 'Task id' })
  taskId!: string;

  @ApiProperty({ description: 'Her level on the task after the revocation, or null if none is left', nullable: true, type: Number })
  effectiveLevel!: number | null;
}

export class InternshipListItemResponse {
  @ApiProperty() internshipId!: string;
  @ApiProperty({ description: 'Pseudonymous candidate id' }) candidateId!: string;
  @ApiProperty({ description: 'Workplace (employer id)' }) workplaceId!: string;
  @ApiProperty() supervisorRole!: string;
  @ApiProperty({ description: 'YYYY-MM-DD' }) startDate!: string;
  @ApiProperty({ description: 'YYYY-MM-DD' }) endDate!: string;
  @ApiProperty({ description: 'Assessments recorded' }) assessments!: number;
  @ApiProperty({ description: 'Of those, not certified yet' }) uncertified!: number;
}

export class InternshipPageResponse {
  @ApiProperty({ type: [InternshipListItemResponse] }) items!: InternshipListItemResponse[];
  @ApiProperty() total!: number;
  @ApiProperty() limit!: number;
  @ApiProperty() offset!: number;
}
