import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { InjectDataSource } from '@nestjs/typeorm';
import { municipalitiesWithin } from '@jobbspar/taxonomy';
import { DataSource } from 'typeorm';
import { CandidateNotFoundError } from '../../../../candidates/domain/candidate.errors';
import { CandidateRepository } from '../../../../candidates/domain/candidate.repository';
import { RoleNotFoundError } from '../../../../internships/domain/internship.errors';
import { jobTrackSteps, OpenNeed, TaskLevel, TaskRequirement } from '../../../domain/job-track';
import { GetJobTrackQuery, JobTrack } from './get-job-track.query';

@QueryHandler(GetJobTrackQuery)
export class GetJobTrackHandler implements IQueryHandler<GetJobTrackQuery> {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly candidates: CandidateRepository,
  ) {}

  async execute({ candidateId, roleId, roleVersion }: GetJobTrackQuery): Promise<JobTrack> {
    const em = this.dataSource.manager;
    const candidate = await this.candidates.find(em, candidateId);
    if (!candidate) throw new CandidateNotFoundError(candidateId);
    const [role]: { version: number; name: string; tasks: TaskRequirement[] }[] = await em.query(
      `SELECT version, name, tasks FROM candidate.roles WHERE role_id = $1 AND ($2::int IS NULL OR version = $2) ORDER BY version DESC LIMIT 1`,
      [roleId, roleVersion ?? null],
    );
    if (!role) throw new RoleNotFoundError(roleId, roleVersion);

    const levelRows: { task_id: string; level: TaskLevel }[] = await em.query(
      `SELECT task_id, max(level)::int AS level FROM candidate.validations WHERE candidate_id = $1 AND revoked_at IS NULL GROUP BY task_id`,
      [candidateId],
    );
    const nearby = municipalitiesWithin(candidate.homeMunicipality, candidate.maxCommuteMinutes);
    const needs: OpenNeed[] = (
      await em.query(
        `SELECT need_id, tasks, positions_left FROM candidate.needs WHERE status = 'open' AND positions_left > 0 AND workplace_municipality = ANY($1)`,
        [nearby],
      )
    ).map((n: { need_id: string; tasks: TaskRequirement[]; positions_left: number }) => ({
      needId: n.need_id,
      tasks: n.tasks,
      positionsLeft: n.positions_left,
    }));
    const placements = await em.query(
      `SELECT placement_id AS "placementId", need_id AS "needId", employer_id AS "employerId", placement_type AS "placementType",
              to_char(start_date, 'YYYY-MM-DD') AS "startDate", to_char(end_date, 'YYYY-MM-DD') AS "endDate", outcome
         FROM candidate.placements WHERE candidate_id = $1 ORDER BY start_date`,
      [candidateId],
    );
    return {
      candidateId,
      roleId,
      roleVersion: role.version,
      roleName: role.name,
      nearbyMunicipalities: nearby,
      openNeedsNearby: needs.length,
      steps: jobTrackSteps(Object.fromEntries(levelRows.map((l) => [l.task_id, l.level])), role.tasks, needs),
      placements,
    };
  }
}
