import type { EntityManager } from 'typeorm';
import type { TaskLevel } from './internship';
import type { TaskValidation } from './task-validations';

export interface InternshipRecord {
  internshipId: string;
  candidateId: string;
  workplaceId: string;
  supervisorRole: string;
  startDate: string;
  endDate: string;
}

export interface AssessmentRecord {
  assessmentId: string;
  internshipId: string;
  candidateId: string;
  workplaceId: string;
  taskId: string;
  level: TaskLevel;
  assessedOn: string;
  comment: Buffer | null;
  assessedBy: string;
  validationId: string | null;
}

export interface ValidationRecord extends TaskValidation {
  candidateId: string;
  taskId: string;
  assessmentId: string;
}

/**
 * Whose internships a caller may see (CandidateAccess decides it): those of candidates living in these
 * municipalities (a coordinator's area), or at a workplace of this organisation number (a supervisor's own).
 */
export interface InternshipVisibility {
  homeMunicipalities: readonly string[];
  workplaceOrganisation: string | null;
}

export interface InternshipListFilter {
  workplaceId?: string;
  candidateId?: string;
  /** Absent: every internship (a service acting as itself). */
  visibleTo?: InternshipVisibility;
  limit: number;
  offset: number;
}

/** What decides who may see an internship: her home municipality and the workplace's organisation number. */
export interface InternshipOwnership {
  candidateId: string;
  homeMunicipality: string | null;
  workplaceOrganisation: string | null;
}

/** An internship with how many assessments it has and how many of them are not certified yet. */
export interface InternshipListItem extends InternshipRecord {
  assessments: number;
  uncertified: number;
}

/** Internships, their assessments and the task validations certified from them. Every method takes the caller's transaction. */
export abstract class InternshipRepository {
  abstract insertInternship(em: EntityManager, i: InternshipRecord, actor: string): Promise<void>;
  abstract findInternship(em: EntityManager, internshipId: string): Promise<InternshipRecord | undefined>;
  /** Internships at a workplace or of a candidate, latest start first, with their assessment counts. */
  abstract listInternships(em: EntityManager, filter: InternshipListFilter): Promise<{ items: InternshipListItem[]; total: number }>;
  /** Whose an internship is, found by the internship, one of its assessments or a validation certified from one. */
  abstract ownership(
    em: EntityManager,
    of: { internshipId: string } | { assessmentId: string } | { validationId: string },
  ): Promise<InternshipOwnership | undefined>;
  abstract insertAssessment(em: EntityManager, a: Omit<AssessmentRecord, 'workplaceId' | 'validationId'>): Promise<void>;
  /** One assessment, or an internship's, by day; with the internship's workplace and the validation once certified. */
  abstract assessments(em: EntityManager, where: { assessmentId?: string; internshipId?: string }): Promise<AssessmentRecord[]>;
  /** Her validations of one task, in certification order, revoked ones included. */
  abstract validationsOnTask(em: EntityManager, candidateId: string, taskId: string): Promise<ValidationRecord[]>;
  abstract findValidation(em: EntityManager, validationId: string): Promise<ValidationRecord | undefined>;
  abstract insertValidation(
    em: EntityManager,
    v: { validationId: string; assessment: AssessmentRecord; supersedes?: string; certifiedAt: Date; certifiedBy: string },
  ): Promise<void>;
  abstract markRevoked(em: EntityManager, validationId: string, reason: string, actor: string): Promise<void>;
  /** Erasure: deletes her validations, assessments and internships. */
  abstract forgetCandidate(em: EntityManager, candidateId: string): Promise<void>;
}
