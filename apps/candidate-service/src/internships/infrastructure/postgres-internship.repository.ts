import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import type { TaskLevel } from '../domain/internship';
import {
  AssessmentRecord,
  InternshipListFilter,
  InternshipListItem,
  InternshipOwnership,
  InternshipRecord,
  InternshipRepository,
  ValidationRecord,
} from '../domain/internship.repository';

const d = (column: string, alias = column): string => `to_char(${column}, 'YYYY-MM-DD') AS "${alias}"`;

@Injectable()
export class PostgresInternshipRepository extends InternshipRepository {
  override async insertInternship(em: EntityManager, i: InternshipRecord, actor: string): Promise<void> {
    await em.query(
      `INSERT INTO candidate.internships (internship_id, candidate_id, workplace_id, supervisor_role, start_date, end_date, created_by)
       VALUES ($1, $2, $3, $4, $5, $6, $7)`,
      [i.internshipId, i.candidateId, i.workplaceId, i.supervisorRole, i.startDate, i.endDate, actor],
    );
  }

  override async findInternship(em: EntityManager, internshipId: string): Promise<InternshipRecord | undefined> {
    const rows: InternshipRecord[] = await em.query(
      `SELECT internship_id AS "internshipId", candidate_id AS "candidateId", workplace_id AS "workplaceId", supervisor_role AS "supervisorRole",
              ${d('start_date', 'startDate')}, ${d('end_date', 'endDate')}
         FROM candidate.internships WHERE internship_id = $1`,
      [internshipId],
    );
    return rows[0];
  }

  override async listInternships(em: EntityManager, filter: InternshipListFilter): Promise<{ items: InternshipListItem[]; total: number }> {
    const where: string[] = [];
    const params: unknown[] = [];
    if (filter.workplaceId) where.push(`i.workplace_id = $${params.push(filter.workplaceId)}`);
    if (filter.candidateId) where.push(`i.candidate_id = $${params.push(filter.candidateId)}`);
    if (filter.visibleTo) {
      const { homeMunicipalities, workplaceOrganisation } = filter.visibleTo;
      where.push(
        `(i.candidate_id IN (SELECT candidate_id FROM candidate.candidates WHERE home_municipality = ANY($${params.push([...homeMunicipalities])}))
          OR i.workplace_id IN (SELECT workplace_id FROM candidate.workplaces WHERE organisation_number = $${params.push(workplaceOrganisation)}))`,
      );
    }
    const clause = where.length ? `WHERE ${where.join(' AND ')}` : '';
    // The page and its total in one statement (issue 14: a read path answers from one query; the window counts the
    // groups, one per internship); only a page past the end counts on its own.
    const filterParams = [...params];
    const rows: Array<InternshipListItem & { assessments: string | number; uncertified: string | number; total_rows?: number }> =
      await em.query(
        `SELECT i.internship_id AS "internshipId", i.candidate_id AS "candidateId", i.workplace_id AS "workplaceId",
              i.supervisor_role AS "supervisorRole", ${d('i.start_date', 'startDate')}, ${d('i.end_date', 'endDate')},
              count(a.assessment_id)::int AS assessments,
              count(a.assessment_id) FILTER (WHERE v.validation_id IS NULL)::int AS uncertified,
              count(*) OVER ()::int AS total_rows
         FROM candidate.internships i
         LEFT JOIN candidate.assessments a ON a.internship_id = i.internship_id
         LEFT JOIN candidate.validations v ON v.assessment_id = a.assessment_id
         ${clause}
        GROUP BY i.internship_id
        ORDER BY i.start_date DESC, i.internship_id
        LIMIT $${params.push(filter.limit)} OFFSET $${params.push(filter.offset)}`,
        params,
      );
    const total: number =
      rows.length > 0
        ? rows[0].total_rows!
        : filter.offset === 0
          ? 0
          : (await em.query(`SELECT count(*)::int AS total FROM candidate.internships i ${clause}`, filterParams))[0].total;
    return {
      items: rows.map(({ total_rows: _total, ...r }) => ({ ...r, assessments: Number(r.assessments), uncertified: Number(r.uncertified) })),
      total,
    };
  }

  override async ownership(
    em: EntityManager,
    of: { internshipId: string } | { assessmentId: string } | { validationId: string },
  ): Promise<InternshipOwnership | undefined> {
    const [where, id] =
      'internshipId' in of
        ? ['i.internship_id = $1', of.internshipId]
        : 'assessmentId' in of
          ? ['i.internship_id = (SELECT internship_id FROM candidate.assessments WHERE assessment_id = $1)', of.assessmentId]
          : [
              `i.internship_id = (SELECT a.internship_id FROM candidate.validations v
                                    JOIN candidate.assessments a ON a.assessment_id = v.assessment_id WHERE v.validation_id = $1)`,
              of.validationId,
            ];
    const rows: InternshipOwnership[] = await em.query(
      `SELECT i.candidate_id AS "candidateId", c.home_municipality AS "homeMunicipality", w.organisation_number AS "workplaceOrganisation"
         FROM candidate.internships i
         LEFT JOIN candidate.candidates c ON c.candidate_id = i.candidate_id
         LEFT JOIN candidate.workplaces w ON w.workplace_id = i.workplace_id
        WHERE ${where}`,
      [id],
    );
    return rows[0];
  }

  override async insertAssessment(em: EntityManager, a: Omit<AssessmentRecord, 'workplaceId' | 'validationId'>): Promise<void> {
    await em.query(
      `INSERT INTO candidate.assessments (assessment_id, internship_id, candidate_id, task_id, level, assessed_on, comment, assessed_by)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
      [a.assessmentId, a.internshipId, a.candidateId, a.taskId, a.level, a.assessedOn, a.comment, a.assessedBy],
    );
  }

  override async assessments(em: EntityManager, where: { assessmentId?: string; internshipId?: string }): Promise<AssessmentRecord[]> {
    const [column, value] = where.assessmentId ? ['a.assessment_id', where.assessmentId] : ['a.internship_id', where.internshipId];
    return em.query(
      `SELECT a.assessment_id AS "assessmentId", a.internship_id AS "internshipId", a.candidate_id AS "candidateId", i.workplace_id AS "workplaceId",
              a.task_id AS "taskId", a.level, ${d('a.assessed_on', 'assessedOn')}, a.comment, a.assessed_by AS "assessedBy",
              v.validation_id AS "validationId"
         FROM candidate.assessments a
         JOIN candidate.internships i ON i.internship_id = a.internship_id
         LEFT JOIN candidate.validations v ON v.assessment_id = a.assessment_id
        WHERE ${column} = $1
        ORDER BY a.assessed_on, a.recorded_at`,
      [value],
    );
  }

  override async validationsOnTask(em: EntityManager, candidateId: string, taskId: string): Promise<ValidationRecord[]> {
    return this.selectValidations(em, 'candidate_id = $1 AND task_id = $2', [candidateId, taskId]);
  }

  override async findValidation(em: EntityManager, validationId: string): Promise<ValidationRecord | undefined> {
    return (await this.selectValidations(em, 'validation_id = $1', [validationId]))[0];
  }

  override async insertValidation(
    em: EntityManager,
    v: { validationId: string; assessment: AssessmentRecord; supersedes?: string; certifiedAt: Date; certifiedBy: string },
  ): Promise<void> {
    const a = v.assessment;
    await em.query(
      `INSERT INTO candidate.validations (validation_id, assessment_id, candidate_id, task_id, level, assessed_on, workplace_id, supersedes, certified_at, certified_by)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
      [
        v.validationId,
        a.assessmentId,
        a.candidateId,
        a.taskId,
        a.level,
        a.assessedOn,
        a.workplaceId,
        v.supersedes ?? null,
        v.certifiedAt,
        v.certifiedBy,
      ],
    );
  }

  override async markRevoked(em: EntityManager, validationId: string, reason: string, actor: string): Promise<void> {
    await em.query(
      `UPDATE candidate.validations SET revoked_at = now(), revoked_by = $2, revocation_reason = $3 WHERE validation_id = $1`,
      [validationId, actor, reason],
    );
  }

  override async forgetCandidate(em: EntityManager, candidateId: string): Promise<void> {
    // Children first: validations reference assessments, assessments internships.
    for (const table of ['validations', 'assessments', 'internships']) {
      await em.query(`DELETE FROM candidate.${table} WHERE candidate_id = $1`, [candidateId]);
    }
  }

  private async selectValidations(em: EntityManager, where: string, params: unknown[]): Promise<ValidationRecord[]> {
    const rows: {
      validation_id: string;
      candidate_id: string;
      task_id: string;
      assessment_id: string;
      level: TaskLevel;
      revoked: boolean;
      certified_at: Date;
    }[] = await em.query(
      `SELECT validation_id, candidate_id, task_id, assessment_id, level, revoked_at IS NOT NULL AS revoked, certified_at
           FROM candidate.validations WHERE ${where} ORDER BY certified_at, validation_id`,
      params,
    );
    return rows.map((r) => ({
      validationId: r.validation_id,
      candidateId: r.candidate_id,
      taskId: r.task_id,
      assessmentId: r.assessment_id,
      level: r.level,
      revoked: r.revoked,
      certifiedAt: r.certified_at.toISOString(),
    }));
  }
}
