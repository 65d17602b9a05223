import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { PlacementFollowUpRecord, PlacementRecord, PlacementRepository } from '../domain/placement.repository';

@Injectable()
export class PostgresPlacementRepository extends PlacementRepository {
  override async recordStarted(em: EntityManager, candidateId: string, p: Omit<PlacementRecord, 'endDate' | 'outcome'>): Promise<void> {
    await em.query(
      `INSERT INTO candidate.placements (placement_id, candidate_id, need_id, employer_id, placement_type, start_date,
         supervisor, language_support, study_counselling)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) ON CONFLICT (placement_id) DO NOTHING`,
      [
        p.placementId,
        candidateId,
        p.needId,
        p.employerId,
        p.placementType,
        p.startDate,
        p.support.supervisor,
        p.support.languageSupport,
        p.support.studyCounselling,
      ],
    );
  }

  override async recordFollowUp(em: EntityManager, candidateId: string, f: PlacementFollowUpRecord): Promise<void> {
    await em.query(
      `INSERT INTO candidate.placement_follow_ups (placement_id, candidate_id, checkpoint_days, status, recorded_on)
       VALUES ($1, $2, $3, $4, $5) ON CONFLICT (placement_id, checkpoint_days) DO NOTHING`,
      [f.placementId, candidateId, f.checkpointDays, f.status, f.recordedOn],
    );
  }

  override async recordEnded(
    em: EntityManager,
    candidateId: string,
    p: { placementId: string; endDate: string; outcome: string },
  ): Promise<boolean> {
    const [updated]: [unknown[]] = await em.query(
      `UPDATE candidate.placements SET end_date = $2, outcome = $3 WHERE placement_id = $1 AND candidate_id = $4 RETURNING placement_id`,
      [p.placementId, p.endDate, p.outcome, candidateId],
    );
    return updated.length > 0;
  }

  override async forgetCandidate(em: EntityManager, candidateId: string): Promise<string[]> {
    await em.query(`DELETE FROM candidate.placement_follow_ups WHERE candidate_id = $1`, [candidateId]);
    const [rows]: [{ placement_id: string }[]] = await em.query(
      `DELETE FROM candidate.placements WHERE candidate_id = $1 RETURNING placement_id`,
      [candidateId],
    );
    return rows.map((r) => r.placement_id);
  }
}
