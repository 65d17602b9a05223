import type { NeedStatus, TaskLevel } from '@jobbspar/contracts';
import type { EntityManager } from 'typeorm';
import { ErasureTags } from '@jobbspar/messaging';
import { erasedCandidate, isErased, type HeldValidation } from '../domain/projection';
import { NeedsAsking, ProjectionRows, ProjectionWrites, Reach, ReadModelRepository, TaskLevelRow } from '../domain/read-model.repository';
import type {
  CandidateProfile,
  CandidateReadModel,
  EmployerReadModel,
  KnownCandidate,
  KnownNeed,
  NeedReadModel,
  NeedTerms,
  ValidationReadModel,
} from '../domain/read-models';

type Executor = Pick<EntityManager, 'query'>;

/** The read-model tables, in the order replay compares them. */
export const READ_MODEL_TABLES = ['employers', 'needs', 'need_tasks', 'candidates', 'validations', 'candidate_task_levels'] as const;

interface NeedRow {
  need_id: string;
  revision: number;
  terms_revision: number | null;
  status_revision: number;
  status: NeedStatus;
  snapshot: NeedTerms | null;
  tenant: string | null;
  positions_left: number;
  workplace_municipality: string | null;
  occupations: string[];
}

interface CandidateRow {
  candidate_id: string;
  revision: number;
  profile: CandidateProfile | null;
  profile_revision: number | null;
  matching_consent: boolean;
  consent_revision: number;
}

const toCandidate = (r: CandidateRow): CandidateReadModel => ({
  candidateId: r.candidate_id,
  revision: r.revision,
  profile: r.profile,
  profileRevision: r.profile_revision,
  matchingConsent: r.matching_consent,
  consentRevision: r.consent_revision,
});

const toNeed = (r: NeedRow): NeedReadModel => ({
  needId: r.need_id,
  revision: r.revision,
  termsRevision: r.terms_revision,
  statusRevision: r.status_revision,
  status: r.status,
  tenant: r.tenant,
  positionsLeft: r.positions_left,
  workplaceMunicipality: r.workplace_municipality,
  occupations: r.occupations,
  terms: r.snapshot,
});

/**
 * ReadModelRepository in SQL, in one schema: the live `matching` one, or replay's scratch schema. The jsonb columns
 * hold matching's own shapes (NeedTerms in `snapshot`, CandidateProfile in `profile`), never a contract payload.
 */
export class PostgresReadModelRepository extends ReadModelRepository {
  private readonly tags: ErasureTags;

  constructor(readonly schema: string) {
    super();
    this.tags = new ErasureTags(schema);
  }

  /**
   * The erasure tombstone (a candidate at ERASED_REVISION, read-models/domain/projection.ts) is not kept as her
   * `candidates` row, which is keyed by her id, but as her tag in `erasures` (libs/messaging erasure-tags.ts): read
   * back as the same tombstone, so the projection's rule (nothing comes back after erasure, however late or
   * redelivered) is unchanged while no row holds her id. Of these ids, those erased.
   */
  private async erasedAmong(em: Executor, candidateIds: readonly string[]): Promise<string[]> {
    if (candidateIds.length === 0) return [];
    const tags = await this.tags.tags(em, candidateIds);
    const rows: { tag: string }[] = await em.query(`SELECT tag FROM "${this.schema}".erasures WHERE tag = ANY($1::text[])`, [tags]);
    const erased = new Set(rows.map((r) => r.tag));
    return candidateIds.filter((_, i) => erased.has(tags[i]));
  }

  /** Her row goes, her tag stays. */
  private async entomb(em: Executor, candidateIds: readonly string[]): Promise<void> {
    if (candidateIds.length === 0) return;
    await em.query(`DELETE FROM ${this.t('candidates')} WHERE candidate_id = ANY($1::uuid[])`, [candidateIds]);
    await em.query(`INSERT INTO "${this.schema}".erasures (tag) SELECT unnest($1::text[]) ON CONFLICT DO NOTHING`, [
      await this.tags.tags(em, candidateIds),
    ]);
  }

  private t(table: (typeof READ_MODEL_TABLES)[number]): string {
    return `"${this.schema}".${table}`;
  }

  override async saveEmployer(em: Executor, e: EmployerReadModel): Promise<void> {
    await em.query(
      `INSERT INTO ${this.t('employers')} (employer_id, organisation_number, name, municipality_code, is_municipality)
       VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (employer_id) DO UPDATE SET organisation_number = $2, name = $3, municipality_code = $4, is_municipality = $5`,
      [e.employerId, e.organisationNumber, e.name, e.municipalityCode, e.isMunicipality],
    );
  }

  override async employers(em: Executor, employerIds: readonly string[]): Promise<EmployerReadModel[]> {
    if (employerIds.length === 0) return [];
    const rows: { employer_id: string; organisation_number: string; name: string; municipality_code: string; is_municipality: boolean }[] =
      await em.query(`SELECT * FROM ${this.t('employers')} WHERE employer_id = ANY($1) ORDER BY employer_id`, [employerIds]);
    return rows.map((r) => ({
      employerId: r.employer_id,
      organisationNumber: r.organisation_number,
      name: r.name,
      municipalityCode: r.municipality_code,
      isMunicipality: r.is_municipality,
    }));
  }

  override async employerIdsOf(
    em: Executor,
    by: { organisationNumber: string | null; municipalities: readonly string[] },
  ): Promise<string[]> {
    const rows: { employer_id: string }[] = await em.query(
      `SELECT employer_id FROM ${this.t('employers')}
       WHERE organisation_number = $1 OR (is_municipality AND municipality_code = ANY($2)) ORDER BY employer_id`,
      [by.organisationNumber, [...by.municipalities]],
    );
    return rows.map((r) => r.employer_id);
  }

  override async needIdsOfEmployers(em: Executor, employerIds: readonly string[]): Promise<string[]> {
    if (employerIds.length === 0) return [];
    const rows: { need_id: string }[] = await em.query(
      `SELECT need_id FROM ${this.t('needs')} WHERE snapshot->>'employerId' = ANY($1) ORDER BY need_id`,
      [[...employerIds]],
    );
    return rows.map((r) => r.need_id);
  }

  override async need(em: Executor, needId: string): Promise<NeedReadModel | undefined> {
    const [r]: NeedRow[] = await em.query(`SELECT * FROM ${this.t('needs')} WHERE need_id = $1`, [needId]);
    return r ? toNeed(r) : undefined;
  }

  override async saveNeed(em: Executor, n: NeedReadModel): Promise<void> {
    await em.query(
      `INSERT INTO ${this.t('needs')} (need_id, revision, status, snapshot, tenant, positions_left, workplace_municipality, occupations,
         terms_revision, status_revision)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)
       ON CONFLICT (need_id) DO UPDATE SET revision = $2, status = $3, snapshot = $4, tenant = $5, positions_left = $6,
         workplace_municipality = $7, occupations = $8, terms_revision = $9, status_revision = $10`,
      [
        n.needId,
        n.revision,
        n.status,
        n.terms ? JSON.stringify(n.terms) : null,
        n.tenant,
        n.positionsLeft,
        n.workplaceMunicipality,
        n.occupations,
        n.termsRevision,
        n.statusRevision,
      ],
    );
    await em.query(`DELETE FROM ${this.t('need_tasks')} WHERE need_id = $1`, [n.needId]);
    const tasks = n.terms?.tasks ?? [];
    if (tasks.length > 0) {
      await em.query(
        `INSERT INTO ${this.t('need_tasks')} (need_id, task_id, required_level, weight)
         SELECT $1, * FROM unnest($2::text[], $3::int[], $4::text[])`,
        [n.needId, tasks.map((t) => t.taskId), tasks.map((t) => t.requiredLevel), tasks.map((t) => t.weight)],
      );
    }
  }

  override async candidate(em: Executor, candidateId: string): Promise<CandidateReadModel | undefined> {
    const [r]: CandidateRow[] = await em.query(`SELECT * FROM ${this.t('candidates')} WHERE candidate_id = $1`, [candidateId]);
    if (r) return toCandidate(r);
    return (await this.erasedAmong(em, [candidateId])).length > 0 ? erasedCandidate(candidateId) : undefined;
  }

  override async saveCandidate(em: Executor, c: CandidateReadModel): Promise<void> {
    if (isErased(c)) return this.entomb(em, [c.candidateId]);
    await em.query(
      `INSERT INTO ${this.t('candidates')} (candidate_id, revision, profile, matching_consent, profile_revision, consent_revision)
       VALUES ($1, $2, $3, $4, $5, $6)
       ON CONFLICT (candidate_id) DO UPDATE SET revision = $2, profile = $3, matching_consent = $4, profile_revision = $5,
         consent_revision = $6`,
      [c.candidateId, c.revision, c.profile ? JSON.stringify(c.profile) : null, c.matchingConsent, c.profileRevision, c.consentRevision],
    );
  }

  override async saveValidation(em: Executor, v: Omit<ValidationReadModel, 'revoked'>): Promise<void> {
    await em.query(
      `INSERT INTO ${this.t('validations')} (validation_id, candidate_id, task_id, level, supersedes) VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (validation_id) DO UPDATE SET candidate_id = $2, task_id = $3, level = $4, supersedes = $5`,
      [v.validationId, v.candidateId, v.taskId, v.level, v.supersedes],
    );
  }

  override async revokeValidation(em: Executor, v: { validationId: string; candidateId: string; taskId: string }): Promise<void> {
    await em.query(
      `INSERT INTO ${this.t('validations')} (validation_id, candidate_id, task_id, level, revoked) VALUES ($1, $2, $3, 1, true)
       ON CONFLICT (validation_id) DO UPDATE SET revoked = true`,
      [v.validationId, v.candidateId, v.taskId],
    );
  }

  override async validations(em: Executor, candidateId: string, taskId: string): Promise<HeldValidation[]> {
    const rows: { validation_id: string; level: TaskLevel; supersedes: string | null; revoked: boolean }[] = await em.query(
      `SELECT validation_id, level, supersedes, revoked FROM ${this.t('validations')} WHERE candidate_id = $1 AND task_id = $2`,
      [candidateId, taskId],
    );
    return rows.map((r) => ({ validationId: r.validation_id, level: r.level, supersedes: r.supersedes, revoked: r.revoked }));
  }

  override async level(em: Executor, candidateId: string, taskId: string): Promise<TaskLevel | null> {
    const [held]: { level: TaskLevel }[] = await em.query(
      `SELECT level FROM ${this.t('candidate_task_levels')} WHERE candidate_id = $1 AND task_id = $2`,
      [candidateId, taskId],
    );
    return held?.level ?? null;
  }

  override async setLevel(em: Executor, candidateId: string, taskId: string, level: TaskLevel | null): Promise<void> {
    if (level === null) {
      await em.query(`DELETE FROM ${this.t('candidate_task_levels')} WHERE candidate_id = $1 AND task_id = $2`, [candidateId, taskId]);
    } else {
      await em.query(
        `INSERT INTO ${this.t('candidate_task_levels')} (candidate_id, task_id, level) VALUES ($1, $2, $3)
         ON CONFLICT (candidate_id, task_id) DO UPDATE SET level = $3`,
        [candidateId, taskId, level],
      );
    }
  }

  override async deleteValidations(em: Executor, candidateId: string): Promise<void> {
    await em.query(`DELETE FROM ${this.t('candidate_task_levels')} WHERE candidate_id = $1`, [candidateId]);
    await em.query(`DELETE FROM ${this.t('validations')} WHERE candidate_id = $1`, [candidateId]);
  }

  /**
   * One statement: each table's rows as one json array, and the erasure tombstones among the candidates' tags
   * (computed for all of them; only those without a row count). A batch's read-ahead is one round trip.
   */
  override async loadForProjection(
    em: Executor,
    ids: { needIds: readonly string[]; candidateIds: readonly string[]; validationIds: readonly string[] },
  ): Promise<ProjectionRows> {
    if (ids.needIds.length + ids.candidateIds.length + ids.validationIds.length === 0) {
      return { needs: [], candidates: [], validations: [], levels: [] };
    }
    const tags = await this.tags.tags(em, ids.candidateIds);
    const [rows]: {
      needs: NeedRow[] | null;
      candidates: CandidateRow[] | null;
      validations:
        | { validation_id: string; candidate_id: string; task_id: string; level: TaskLevel; supersedes: string | null; revoked: boolean }[]
        | null;
      levels: { candidate_id: string; task_id: string; level: TaskLevel }[] | null;
      erased: string[] | null;
    }[] = await em.query(
      `SELECT
         (SELECT json_agg(n) FROM ${this.t('needs')} n WHERE n.need_id = ANY($1::uuid[])) AS needs,
         (SELECT json_agg(c) FROM ${this.t('candidates')} c WHERE c.candidate_id = ANY($2::uuid[])) AS candidates,
         (SELECT json_agg(v) FROM (SELECT validation_id, candidate_id, task_id, level, supersedes, revoked FROM ${this.t('validations')}
            WHERE candidate_id = ANY($2::uuid[]) OR validation_id = ANY($3::uuid[])) v) AS validations,
         (SELECT json_agg(l) FROM (SELECT candidate_id, task_id, level FROM ${this.t('candidate_task_levels')}
            WHERE candidate_id = ANY($2::uuid[])) l) AS levels,
         (SELECT json_agg(e.tag) FROM "${this.schema}".erasures e WHERE e.tag = ANY($4::text[])) AS erased`,
      [ids.needIds, ids.candidateIds, ids.validationIds, tags],
    );
    const candidates = rows.candidates ?? [];
    const found = new Set(candidates.map((c) => c.candidate_id.toLowerCase()));
    const erasedTags = new Set(rows.erased ?? []);
    const erased = ids.candidateIds.filter((id, i) => !found.has(id.toLowerCase()) && erasedTags.has(tags[i]));
    return {
      needs: (rows.needs ?? []).map(toNeed),
      candidates: [...candidates.map(toCandidate), ...erased.map(erasedCandidate)],
      validations: (rows.validations ?? []).map((r) => ({
        validationId: r.validation_id,
        candidateId: r.candidate_id,
        taskId: r.task_id,
        level: r.level,
        supersedes: r.supersedes,
        revoked: r.revoked,
      })),
      levels: (rows.levels ?? []).map((r) => ({ candidateId: r.candidate_id, taskId: r.task_id, level: r.level })),
    };
  }

  /**
   * Each table in one statement (the task indexes in two), rows handed over as one jsonb array: the rows are whole,
   * so an upsert replaces every column. The batch has one row per key (ON CONFLICT may not touch a row twice).
   */
  override async saveProjection(em: Executor, w: ProjectionWrites): Promise<void> {
    const json = (rows: readonly object[]): string => JSON.stringify(rows);
    if (w.employers.length > 0) {
      await em.query(
        `INSERT INTO ${this.t('employers')} (employer_id, organisation_number, name, municipality_code, is_municipality)
         SELECT * FROM jsonb_to_recordset($1::jsonb)
           AS x(employer_id uuid, organisation_number text, name text, municipality_code text, is_municipality boolean)
         ON CONFLICT (employer_id) DO UPDATE SET organisation_number = EXCLUDED.organisation_number, name = EXCLUDED.name,
           municipality_code = EXCLUDED.municipality_code, is_municipality = EXCLUDED.is_municipality`,
        [
          json(
            w.employers.map((e) => ({
              employer_id: e.employerId,
              organisation_number: e.organisationNumber,
              name: e.name,
              municipality_code: e.municipalityCode,
              is_municipality: e.isMunicipality,
            })),
          ),
        ],
      );
    }
    if (w.needs.length > 0) {
      await em.query(
        `INSERT INTO ${this.t('needs')} (need_id, revision, status, snapshot, tenant, positions_left, workplace_municipality, occupations,
           terms_revision, status_revision)
         SELECT * FROM jsonb_to_recordset($1::jsonb)
           AS x(need_id uuid, revision int, status text, snapshot jsonb, tenant text, positions_left int, workplace_municipality text,
                occupations text[], terms_revision int, status_revision int)
         ON CONFLICT (need_id) DO UPDATE SET revision = EXCLUDED.revision, status = EXCLUDED.status, snapshot = EXCLUDED.snapshot,
           tenant = EXCLUDED.tenant, positions_left = EXCLUDED.positions_left, workplace_municipality = EXCLUDED.workplace_municipality,
           occupations = EXCLUDED.occupations, terms_revision = EXCLUDED.terms_revision, status_revision = EXCLUDED.status_revision`,
        [
          json(
            w.needs.map((n) => ({
              need_id: n.needId,
              revision: n.revision,
              status: n.status,
              snapshot: n.terms,
              tenant: n.tenant,
              positions_left: n.positionsLeft,
              workplace_municipality: n.workplaceMunicipality,
              occupations: n.occupations,
              terms_revision: n.termsRevision,
              status_revision: n.statusRevision,
            })),
          ),
        ],
      );
      await em.query(`DELETE FROM ${this.t('need_tasks')} WHERE need_id = ANY($1::uuid[])`, [w.needs.map((n) => n.needId)]);
      const tasks = w.needs.flatMap((n) =>
        (n.terms?.tasks ?? []).map((t) => ({ need_id: n.needId, task_id: t.taskId, required_level: t.requiredLevel, weight: t.weight })),
      );
      if (tasks.length > 0) {
        await em.query(
          `INSERT INTO ${this.t('need_tasks')} (need_id, task_id, required_level, weight)
           SELECT * FROM jsonb_to_recordset($1::jsonb) AS x(need_id uuid, task_id text, required_level int, weight text)`,
          [json(tasks)],
        );
      }
    }
    await this.entomb(
      em,
      w.candidates.filter(isErased).map((c) => c.candidateId),
    );
    if (w.erased.length > 0) {
      await em.query(`DELETE FROM ${this.t('candidate_task_levels')} WHERE candidate_id = ANY($1::uuid[])`, [w.erased]);
      await em.query(`DELETE FROM ${this.t('validations')} WHERE candidate_id = ANY($1::uuid[])`, [w.erased]);
    }
    // The candidates, validations and levels in one statement (one part per table that has rows): they touch
    // disjoint rows (one row per key; an erased candidate's validations and levels were dropped from the batch and
    // none come after her erasure), so the parts need not see each other's effects.
    const parts: string[] = [];
    const params: string[] = [];
    const part = (rows: readonly object[], sql: (param: string) => string): void => {
      if (rows.length === 0) return;
      params.push(json(rows));
      parts.push(sql(`$${params.length}::jsonb`));
    };
    const live = w.candidates.filter((c) => !isErased(c));
    part(
      live.map((c) => ({
        candidate_id: c.candidateId,
        revision: c.revision,
        profile: c.profile,
        matching_consent: c.matchingConsent,
        profile_revision: c.profileRevision,
        consent_revision: c.consentRevision,
      })),
      (p) =>
        `INSERT INTO ${this.t('candidates')} (candidate_id, revision, profile, matching_consent, profile_revision, consent_revision)
         SELECT * FROM jsonb_to_recordset(${p})
           AS x(candidate_id uuid, revision int, profile jsonb, matching_consent boolean, profile_revision int, consent_revision int)
         ON CONFLICT (candidate_id) DO UPDATE SET revision = EXCLUDED.revision, profile = EXCLUDED.profile,
           matching_consent = EXCLUDED.matching_consent, profile_revision = EXCLUDED.profile_revision,
           consent_revision = EXCLUDED.consent_revision`,
    );
    part(
      w.validations.map((v) => ({
        validation_id: v.validationId,
        candidate_id: v.candidateId,
        task_id: v.taskId,
        level: v.level,
        supersedes: v.supersedes,
        revoked: v.revoked,
      })),
      (p) =>
        `INSERT INTO ${this.t('validations')} (validation_id, candidate_id, task_id, level, supersedes, revoked)
         SELECT * FROM jsonb_to_recordset(${p})
           AS x(validation_id uuid, candidate_id uuid, task_id text, level int, supersedes uuid, revoked boolean)
         ON CONFLICT (validation_id) DO UPDATE SET candidate_id = EXCLUDED.candidate_id, task_id = EXCLUDED.task_id,
           level = EXCLUDED.level, supersedes = EXCLUDED.supersedes, revoked = EXCLUDED.revoked`,
    );
    const row = (l: TaskLevelRow) => ({ candidate_id: l.candidateId, task_id: l.taskId, level: l.level });
    part(
      w.levels.filter((l) => l.level === null).map(row),
      (p) =>
        `DELETE FROM ${this.t('candidate_task_levels')} l USING jsonb_to_recordset(${p}) AS x(candidate_id uuid, task_id text)
         WHERE l.candidate_id = x.candidate_id AND l.task_id = x.task_id`,
    );
    part(
      w.levels.filter((l) => l.level !== null).map(row),
      (p) =>
        `INSERT INTO ${this.t('candidate_task_levels')} (candidate_id, task_id, level)
         SELECT * FROM jsonb_to_recordset(${p}) AS x(candidate_id uuid, task_id text, level int)
         ON CONFLICT (candidate_id, task_id) DO UPDATE SET level = EXCLUDED.level`,
    );
    if (parts.length === 1) await em.query(parts[0], params);
    else if (parts.length > 1) await em.query(`WITH ${parts.map((sql, i) => `w${i} AS (${sql})`).join(',\n')} SELECT 1`, params);
  }

  override async knownNeeds(em: Executor, needIds: readonly string[]): Promise<KnownNeed[]> {
    if (needIds.length === 0) return [];
    const rows: NeedRow[] = await em.query(`SELECT * FROM ${this.t('needs')} WHERE need_id = ANY($1) AND snapshot IS NOT NULL`, [needIds]);
    return rows.map((r) => toNeed(r) as KnownNeed);
  }

  override async knownCandidates(em: Executor, candidateIds: readonly string[]): Promise<KnownCandidate[]> {
    if (candidateIds.length === 0) return [];
    return this.readKnownCandidates(em, `c.candidate_id = ANY($1)`, [candidateIds]);
  }

  override async allKnownCandidates(em: Executor): Promise<KnownCandidate[]> {
    return this.readKnownCandidates(em, 'true', []);
  }

  override async openKnownNeeds(em: Executor): Promise<KnownNeed[]> {
    const rows: NeedRow[] = await em.query(
      `SELECT * FROM ${this.t('needs')} WHERE status = 'open' AND positions_left > 0 AND snapshot IS NOT NULL ORDER BY need_id`,
    );
    return rows.map((r) => toNeed(r) as KnownNeed);
  }

  private async readKnownCandidates(em: Executor, where: string, params: unknown[]): Promise<KnownCandidate[]> {
    const rows: {
      candidate_id: string;
      profile: CandidateProfile;
      matching_consent: boolean;
      levels: Record<string, TaskLevel> | null;
    }[] = await em.query(
      `SELECT c.candidate_id, c.profile, c.matching_consent,
           (SELECT jsonb_object_agg(l.task_id, l.level) FROM ${this.t('candidate_task_levels')} l WHERE l.candidate_id = c.candidate_id) AS levels
         FROM ${this.t('candidates')} c WHERE ${where} AND c.profile IS NOT NULL ORDER BY c.candidate_id`,
      params,
    );
    return rows.map((r) => ({
      candidateId: r.candidate_id,
      matchingConsent: r.matching_consent,
      profile: r.profile,
      levels: r.levels ?? {},
    }));
  }

  /** The commute filter is applied in SQL, so far-away profiles are never loaded. */
  override async candidatesHoldingAny(em: Executor, taskIds: readonly string[], reach?: Reach): Promise<string[]> {
    const rows: { candidate_id: string }[] = reach
      ? await em.query(
          `SELECT DISTINCT l.candidate_id FROM ${this.t('candidate_task_levels')} l
           JOIN ${this.t('candidates')} c ON c.candidate_id = l.candidate_id AND c.profile IS NOT NULL
           JOIN unnest($2::text[], $3::float8[]) AS r(code, minutes)
             ON r.code = c.profile->>'homeMunicipality' AND (c.profile->>'maxCommuteMinutes')::float8 >= r.minutes
           WHERE l.task_id = ANY($1)`,
          [taskIds, reach.codes, reach.minutes],
        )
      : await em.query(
          `SELECT DISTINCT l.candidate_id FROM ${this.t('candidate_task_levels')} l
           JOIN ${this.t('candidates')} c ON c.candidate_id = l.candidate_id AND c.profile IS NOT NULL
           WHERE l.task_id = ANY($1)`,
          [taskIds],
        );
    return rows.map((r) => r.candidate_id);
  }

  override async openNeedsAskingAny(em: Executor, taskIds: readonly string[], workplaces?: readonly string[]): Promise<string[]> {
    const rows: { need_id: string }[] = await em.query(
      `SELECT DISTINCT t.need_id FROM ${this.t('need_tasks')} t
       JOIN ${this.t('needs')} n ON n.need_id = t.need_id AND n.status = 'open' AND n.positions_left > 0
       WHERE t.task_id = ANY($1) AND ($2::text[] IS NULL OR n.workplace_municipality = ANY($2))`,
      [taskIds, workplaces ?? null],
    );
    return rows.map((r) => r.need_id);
  }

  override async openNeedIdsOfRegion(em: Executor, tenant: string): Promise<string[]> {
    const rows: { need_id: string }[] = await em.query(
      `SELECT need_id FROM ${this.t('needs')} WHERE tenant = $1 AND status = 'open' AND positions_left > 0 ORDER BY need_id`,
      [tenant],
    );
    return rows.map((r) => r.need_id);
  }

  override async openNeedsAskingAnyEach(em: Executor, asks: readonly NeedsAsking[]): Promise<Map<string, string[]>> {
    const out = new Map<string, string[]>();
    const asked = asks.filter((a) => a.taskIds.length > 0);
    if (asked.length === 0) return out;
    const rows: { key: string; need_id: string }[] = await em.query(
      `SELECT DISTINCT q.key, t.need_id FROM jsonb_to_recordset($1::jsonb) AS q(key text, tasks text[], workplaces text[])
       JOIN ${this.t('need_tasks')} t ON t.task_id = ANY(q.tasks)
       JOIN ${this.t('needs')} n ON n.need_id = t.need_id AND n.status = 'open' AND n.positions_left > 0
       WHERE q.workplaces IS NULL OR n.workplace_municipality = ANY(q.workplaces)`,
      [JSON.stringify(asked.map((a) => ({ key: a.key, tasks: a.taskIds, workplaces: a.workplaces ?? null })))],
    );
    for (const r of rows) out.set(r.key, [...(out.get(r.key) ?? []), r.need_id]);
    return out;
  }
}
