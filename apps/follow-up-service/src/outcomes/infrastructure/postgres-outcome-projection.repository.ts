import { Injectable } from '@nestjs/common';
import { ErasureTags } from '@jobbspar/messaging';
import type { EntityManager } from 'typeorm';
import { OutcomeProjectionRepository, type PersonProfile, type ProjectedPlacement } from '../domain/outcome-projection.repository';
import type { PersonFacts, PlacementFacts, PlacementType } from '../domain/outcome-report';
import type { Jobseeker, OpenNeed } from '../../where-to-train/domain/where-to-train';

/** The outcome projection's tables: `follow_up.persons`, `.first_dates`, `.task_levels`, `.placements`, `.checkpoints`, `.needs`, `.erasures` (tombstones by tag). */
@Injectable()
export class PostgresOutcomeProjectionRepository extends OutcomeProjectionRepository {
  private readonly tags = new ErasureTags('follow_up');

  /** By her tag: the tombstone holds no id (libs/messaging erasure-tags.ts). */
  override async isErased(em: EntityManager, candidateId: string): Promise<boolean> {
    const rows: unknown[] = await em.query(`SELECT 1 FROM follow_up.erasures WHERE tag = $1`, [await this.tags.tag(em, candidateId)]);
    return rows.length > 0;
  }

  /** Registration or a newer profile; the registration day is the day the first of them was recorded. */
  override async upsertPerson(em: EntityManager, p: PersonProfile): Promise<void> {
    await em.query(
      `INSERT INTO follow_up.persons (candidate_id, region, municipality, revision, registered_on, max_commute_minutes, available_from)
       VALUES ($1, $2, $3, $4, $5, $6, $7)
       ON CONFLICT (candidate_id) DO UPDATE SET
         region = EXCLUDED.region, municipality = EXCLUDED.municipality, revision = EXCLUDED.revision,
         max_commute_minutes = EXCLUDED.max_commute_minutes, available_from = EXCLUDED.available_from,
         registered_on = LEAST(follow_up.persons.registered_on, EXCLUDED.registered_on)
       WHERE follow_up.persons.revision < EXCLUDED.revision`,
      [p.candidateId, p.region, p.municipality, p.revision, p.occurredOn, p.maxCommuteMinutes, p.availableFrom],
    );
    // Her profile says her consent as of its revision: a newer ConsentChanged, seen before, keeps its word.
    await this.setMatchingConsent(em, p.candidateId, p.revision, p.matchingConsent);
  }

  /** Kept apart from her row (it may not be there yet), with its own revision: the newest word on consent holds. */
  override async setMatchingConsent(em: EntityManager, candidateId: string, revision: number, given: boolean): Promise<void> {
    await em.query(
      `INSERT INTO follow_up.consents (candidate_id, revision, given) VALUES ($1, $2, $3)
       ON CONFLICT (candidate_id) DO UPDATE SET revision = EXCLUDED.revision, given = EXCLUDED.given
       WHERE follow_up.consents.revision < EXCLUDED.revision`,
      [candidateId, revision, given],
    );
  }

  /** The earliest day seen of a stage; kept apart from her row, which may not be there yet on a replay. */
  override async firstDate(em: EntityManager, candidateId: string, stage: 'task' | 'proposed' | 'accepted', day: string): Promise<void> {
    await em.query(
      `INSERT INTO follow_up.first_dates (candidate_id, stage, day) VALUES ($1, $2, $3)
       ON CONFLICT (candidate_id, stage) DO UPDATE SET day = LEAST(follow_up.first_dates.day, EXCLUDED.day)`,
      [candidateId, stage, day],
    );
  }

  override async setTaskLevel(em: EntityManager, candidateId: string, taskId: string, level: number | null): Promise<void> {
    if (level === null) {
      await em.query(`DELETE FROM follow_up.task_levels WHERE candidate_id = $1 AND task_id = $2`, [candidateId, taskId]);
      return;
    }
    await em.query(
      `INSERT INTO follow_up.task_levels (candidate_id, task_id, level) VALUES ($1, $2, $3)
       ON CONFLICT (candidate_id, task_id) DO UPDATE SET level = EXCLUDED.level`,
      [candidateId, taskId, level],
    );
  }

  override async addPlacement(em: EntityManager, p: ProjectedPlacement): Promise<void> {
    await em.query(
      `INSERT INTO follow_up.placements (placement_id, candidate_id, region, placement_type, start_date, supervisor, language_support, study_counselling)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8) ON CONFLICT (placement_id) DO NOTHING`,
      [
        p.placementId,
        p.candidateId,
        p.region,
        p.type,
        p.startDate,
        p.support.supervisor,
        p.support.languageSupport,
        p.support.studyCounselling,
      ],
    );
  }

  override async addCheckpoint(
    em: EntityManager,
    c: { placementId: string; candidateId: string; days: number; status: string; recordedOn: string },
  ): Promise<void> {
    await em.query(
      `INSERT INTO follow_up.checkpoints (placement_id, candidate_id, checkpoint_days, status, recorded_on) VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (placement_id, checkpoint_days) DO NOTHING`,
      [c.placementId, c.candidateId, c.days, c.status, c.recordedOn],
    );
  }

  override async upsertNeed(
    em: EntityManager,
    n: { needId: string; region: string; municipality: string; revision: number; status: string; positionsLeft: number; tasks: unknown },
  ): Promise<void> {
    await em.query(
      `INSERT INTO follow_up.needs (need_id, region, municipality, revision, status, positions_left, tasks) VALUES ($1, $2, $3, $4, $5, $6, $7)
       ON CONFLICT (need_id) DO UPDATE SET region = EXCLUDED.region, municipality = EXCLUDED.municipality, revision = EXCLUDED.revision,
         status = EXCLUDED.status, positions_left = EXCLUDED.positions_left, tasks = EXCLUDED.tasks
       WHERE follow_up.needs.revision < EXCLUDED.revision`,
      [n.needId, n.region, n.municipality, n.revision, n.status, n.positionsLeft, JSON.stringify(n.tasks)],
    );
  }

  override async closeNeed(em: EntityManager, needId: string, revision: number, status: string): Promise<void> {
    await em.query(`UPDATE follow_up.needs SET status = $3, revision = $2, positions_left = 0 WHERE need_id = $1 AND revision < $2`, [
      needId,
      revision,
      status,
    ]);
  }

  /** Erasure: every row about her goes; published months (aggregates) stay as they were published. */
  override async erase(em: EntityManager, candidateId: string): Promise<string[]> {
    const placements: { placement_id: string }[] = await em.query(`SELECT placement_id FROM follow_up.placements WHERE candidate_id = $1`, [
      candidateId,
    ]);
    for (const table of ['checkpoints', 'placements', 'task_levels', 'first_dates', 'consents', 'persons']) {
      await em.query(`DELETE FROM follow_up.${table} WHERE candidate_id = $1`, [candidateId]);
    }
    await em.query(`INSERT INTO follow_up.erasures (tag) VALUES ($1) ON CONFLICT DO NOTHING`, [await this.tags.tag(em, candidateId)]);
    return placements.map((p) => p.placement_id);
  }

  /** People of the region with their first dates (the first placement from her placements). */
  override async people(em: Pick<EntityManager, 'query'>, region: string): Promise<PersonFacts[]> {
    const rows: {
      municipality: string;
      registered_on: string;
      first_task_on: string | null;
      first_proposed_on: string | null;
      first_accepted_on: string | null;
      first_placement_on: string | null;
    }[] = await em.query(
      `SELECT p.municipality, to_char(p.registered_on, 'YYYY-MM-DD') AS registered_on,
              (SELECT to_char(f.day, 'YYYY-MM-DD') FROM follow_up.first_dates f WHERE f.candidate_id = p.candidate_id AND f.stage = 'task') AS first_task_on,
              (SELECT to_char(f.day, 'YYYY-MM-DD') FROM follow_up.first_dates f WHERE f.candidate_id = p.candidate_id AND f.stage = 'proposed') AS first_proposed_on,
              (SELECT to_char(f.day, 'YYYY-MM-DD') FROM follow_up.first_dates f WHERE f.candidate_id = p.candidate_id AND f.stage = 'accepted') AS first_accepted_on,
              (SELECT to_char(min(pl.start_date), 'YYYY-MM-DD') FROM follow_up.placements pl WHERE pl.candidate_id = p.candidate_id) AS first_placement_on
         FROM follow_up.persons p WHERE p.region = $1`,
      [region],
    );
    return rows.map((r) => ({
      municipality: r.municipality,
      registeredOn: r.registered_on,
      firstTaskOn: r.first_task_on,
      firstProposedOn: r.first_proposed_on,
      firstAcceptedOn: r.first_accepted_on,
      firstPlacementOn: r.first_placement_on,
    }));
  }

  /** Placements of the region's people (by her present home municipality), with whether each was her first. */
  override async placements(em: Pick<EntityManager, 'query'>, region: string): Promise<PlacementFacts[]> {
    const rows: { placement_id: string; municipality: string; placement_type: PlacementType; start_date: string; first: boolean }[] =
      await em.query(
        `SELECT pl.placement_id, p.municipality, pl.placement_type, to_char(pl.start_date, 'YYYY-MM-DD') AS start_date,
              NOT EXISTS (SELECT 1 FROM follow_up.placements e WHERE e.candidate_id = pl.candidate_id
                           AND (e.start_date, e.placement_id) < (pl.start_date, pl.placement_id)) AS first
         FROM follow_up.placements pl JOIN follow_up.persons p ON p.candidate_id = pl.candidate_id
        WHERE p.region = $1`,
        [region],
      );
    const checkpoints: { placement_id: string; checkpoint_days: number; status: string; recorded_on: string }[] = await em.query(
      `SELECT c.placement_id, c.checkpoint_days, c.status, to_char(c.recorded_on, 'YYYY-MM-DD') AS recorded_on
         FROM follow_up.checkpoints c JOIN follow_up.persons p ON p.candidate_id = c.candidate_id WHERE p.region = $1`,
      [region],
    );
    const byPlacement = new Map<string, Map<number, { status: string; recordedOn: string }>>();
    for (const c of checkpoints) {
      const own = byPlacement.get(c.placement_id) ?? new Map();
      own.set(c.checkpoint_days, { status: c.status, recordedOn: c.recorded_on });
      byPlacement.set(c.placement_id, own);
    }
    return rows.map((r) => ({
      placementId: r.placement_id,
      municipality: r.municipality,
      type: r.placement_type,
      startDate: r.start_date,
      first: r.first,
      checkpoints: byPlacement.get(r.placement_id) ?? new Map(),
    }));
  }

  /** The earliest month any fact of the region is dated in (where the list of months begins). */
  override async firstMonth(em: Pick<EntityManager, 'query'>, region: string): Promise<string | null> {
    const [row]: { first: string | null }[] = await em.query(
      `SELECT to_char(LEAST(min(p.registered_on), min(f.day), min(pl.start_date)), 'YYYY-MM') AS first
         FROM follow_up.persons p
         LEFT JOIN follow_up.placements pl ON pl.candidate_id = p.candidate_id
         LEFT JOIN follow_up.first_dates f ON f.candidate_id = p.candidate_id
        WHERE p.region = $1`,
      [region],
    );
    return row?.first ?? null;
  }

  /** Open needs of the region with positions left, for where to train. */
  override async openNeeds(em: Pick<EntityManager, 'query'>, region: string): Promise<OpenNeed[]> {
    const rows: { need_id: string; municipality: string; positions_left: number; tasks: OpenNeed['tasks'] }[] = await em.query(
      `SELECT need_id, municipality, positions_left, tasks FROM follow_up.needs WHERE region = $1 AND status = 'open' AND positions_left > 0`,
      [region],
    );
    return rows.map((r) => ({ needId: r.need_id, municipality: r.municipality, positionsLeft: r.positions_left, tasks: r.tasks }));
  }

  /** The region's candidates with matching consent and their task levels (no one else is a job-seeker here). */
  override async jobseekers(em: Pick<EntityManager, 'query'>, region: string): Promise<Jobseeker[]> {
    const rows: { candidate_id: string; municipality: string; max_commute_minutes: number; levels: Record<string, 1 | 2 | 3> | null }[] =
      await em.query(
        `SELECT p.candidate_id, p.municipality, p.max_commute_minutes,
                (SELECT jsonb_object_agg(t.task_id, t.level) FROM follow_up.task_levels t WHERE t.candidate_id = p.candidate_id) AS levels
           FROM follow_up.persons p JOIN follow_up.consents c ON c.candidate_id = p.candidate_id AND c.given
          WHERE p.region = $1`,
        [region],
      );
    return rows.map((r) => ({
      candidateId: r.candidate_id,
      municipality: r.municipality,
      maxCommuteMinutes: r.max_commute_minutes,
      levels: r.levels ?? {},
    }));
  }
}
