import { Injectable } from '@nestjs/common';
import { ConsentPurpose } from '@jobbspar/contracts';
import { ErasureTags } from '@jobbspar/messaging';
import { EntityManager } from 'typeorm';
import { CandidateProfile, FollowUpAttributes } from '../domain/candidate';
import { CandidateNotFoundError } from '../domain/candidate.errors';
import { CandidateRecord, CandidateRepository, ConsentRecord, PersonalDataRecord } from '../domain/candidate.repository';

interface CandidateRow {
  candidate_id: string;
  tenant: string;
  revision: number;
  home_municipality: string;
  available_from: string;
  max_commute_minutes: number;
  interests: string[];
  close_supervision: boolean;
  language_support: boolean;
  languages: string[];
  waiting_since: string;
  registered_at: Date;
}

const COLUMNS = `candidate_id, tenant, revision, home_municipality, to_char(available_from, 'YYYY-MM-DD') AS available_from,
  max_commute_minutes, interests, close_supervision, language_support, languages,
  to_char(waiting_since, 'YYYY-MM-DD') AS waiting_since, registered_at`;

export function toRecord(row: CandidateRow): CandidateRecord {
  return {
    candidateId: row.candidate_id,
    tenant: row.tenant,
    revision: row.revision,
    homeMunicipality: row.home_municipality,
    availableFrom: row.available_from,
    maxCommuteMinutes: row.max_commute_minutes,
    interests: row.interests,
    supportNeeds: { closeSupervision: row.close_supervision, languageSupport: row.language_support },
    languages: row.languages,
    waitingSince: row.waiting_since,
    registeredAt: row.registered_at.toISOString(),
  };
}

/** The candidate aggregate's rows in PostgreSQL. */
@Injectable()
export class PostgresCandidateRepository extends CandidateRepository {
  private readonly tags = new ErasureTags('candidate');

  override async insert(em: EntityManager, c: Omit<CandidateRecord, 'registeredAt'>): Promise<void> {
    await em.query(
      `INSERT INTO candidate.candidates (candidate_id, tenant, revision, home_municipality, available_from, max_commute_minutes,
         interests, close_supervision, language_support, languages, waiting_since)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)`,
      [
        c.candidateId,
        c.tenant,
        c.revision,
        c.homeMunicipality,
        c.availableFrom,
        c.maxCommuteMinutes,
        c.interests,
        c.supportNeeds.closeSupervision,
        c.supportNeeds.languageSupport,
        c.languages,
        c.waitingSince,
      ],
    );
  }

  override async find(em: EntityManager, candidateId: string): Promise<CandidateRecord | undefined> {
    const rows: CandidateRow[] = await em.query(`SELECT ${COLUMNS} FROM candidate.candidates WHERE candidate_id = $1`, [candidateId]);
    return rows[0] && toRecord(rows[0]);
  }

  override async lock(em: EntityManager, candidateId: string): Promise<CandidateRecord> {
    const rows: CandidateRow[] = await em.query(`SELECT ${COLUMNS} FROM candidate.candidates WHERE candidate_id = $1 FOR UPDATE`, [
      candidateId,
    ]);
    if (!rows[0]) throw new CandidateNotFoundError(candidateId);
    return toRecord(rows[0]);
  }

  override async nextRevision(em: EntityManager, candidateId: string): Promise<{ revision: number; tenant: string }> {
    const [rows]: [{ revision: number; tenant: string }[]] = await em.query(
      `UPDATE candidate.candidates SET revision = revision + 1 WHERE candidate_id = $1 RETURNING revision, tenant`,
      [candidateId],
    );
    if (!rows[0]) throw new CandidateNotFoundError(candidateId);
    return rows[0];
  }

  override async updateProfile(em: EntityManager, candidateId: string, tenant: string, p: CandidateProfile): Promise<void> {
    await em.query(
      `UPDATE candidate.candidates SET tenant = $2, home_municipality = $3, available_from = $4, max_commute_minutes = $5, interests = $6,
         close_supervision = $7, language_support = $8, languages = $9 WHERE candidate_id = $1`,
      [
        candidateId,
        tenant,
        p.homeMunicipality,
        p.availableFrom,
        p.maxCommuteMinutes,
        p.interests,
        p.supportNeeds.closeSupervision,
        p.supportNeeds.languageSupport,
        p.languages,
      ],
    );
  }

  override async setWaitingSince(em: EntityManager, candidateId: string, date: string): Promise<void> {
    await em.query(`UPDATE candidate.candidates SET waiting_since = $2 WHERE candidate_id = $1`, [candidateId, date]);
  }

  override async lockIdentityNumber(em: EntityManager, index: Buffer): Promise<void> {
    await em.query('SELECT pg_advisory_xact_lock(hashtextextended($1, 0))', [index.toString('hex')]);
  }

  override async insertPersonalData(
    em: EntityManager,
    candidateId: string,
    data: PersonalDataRecord,
    identityNumberIndex: Buffer | null,
  ): Promise<void> {
    await em.query(
      `INSERT INTO candidate.personal_data (candidate_id, wrapped_data_key, contact, identity_number, identity_number_index) VALUES ($1, $2, $3, $4, $5)`,
      [candidateId, data.wrappedDataKey, data.contact, data.identityNumber, identityNumberIndex],
    );
  }

  override async identityNumberTaken(em: EntityManager, index: Buffer): Promise<boolean> {
    const rows: unknown[] = await em.query(`SELECT 1 FROM candidate.personal_data WHERE identity_number_index = $1`, [index]);
    return rows.length > 0;
  }

  override async personalData(em: EntityManager, candidateId: string): Promise<PersonalDataRecord | undefined> {
    const rows: { wrapped_data_key: Buffer; contact: Buffer; identity_number: Buffer | null }[] = await em.query(
      `SELECT wrapped_data_key, contact, identity_number FROM candidate.personal_data WHERE candidate_id = $1`,
      [candidateId],
    );
    return rows[0] && { wrappedDataKey: rows[0].wrapped_data_key, contact: rows[0].contact, identityNumber: rows[0].identity_number };
  }

  override async consents(em: EntityManager, candidateId: string): Promise<ConsentRecord[]> {
    const rows: { purpose: ConsentPurpose; given: boolean; changed_at: Date }[] = await em.query(
      `SELECT purpose, given, changed_at FROM candidate.consents WHERE candidate_id = $1 ORDER BY purpose`,
      [candidateId],
    );
    return rows.map((r) => ({ purpose: r.purpose, given: r.given, changedAt: r.changed_at.toISOString() }));
  }

  override async setConsent(
    em: EntityManager,
    candidateId: string,
    purpose: ConsentPurpose,
    given: boolean,
    at: Date,
    actor: string,
  ): Promise<void> {
    await em.query(
      `INSERT INTO candidate.consents (candidate_id, purpose, given, changed_at, changed_by) VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (candidate_id, purpose) DO UPDATE SET given = $3, changed_at = $4, changed_by = $5`,
      [candidateId, purpose, given, at, actor],
    );
  }

  override async insertFollowUp(em: EntityManager, candidateId: string, f: FollowUpAttributes): Promise<void> {
    await em.query(
      `INSERT INTO candidate.follow_up_attributes (candidate_id, gender, born_abroad, year_of_arrival, reason_for_immigration) VALUES ($1, $2, $3, $4, $5)`,
      [candidateId, f.gender, f.bornAbroad, f.yearOfArrival ?? null, f.reasonForImmigration ?? null],
    );
  }

  override async deleteFollowUp(em: EntityManager, candidateId: string): Promise<void> {
    await em.query(`DELETE FROM candidate.follow_up_attributes WHERE candidate_id = $1`, [candidateId]);
  }

  override async erase(em: EntityManager, candidateId: string, at: Date): Promise<void> {
    // Children first: each references the candidate row.
    for (const table of ['consents', 'follow_up_attributes', 'personal_data', 'candidates']) {
      await em.query(`DELETE FROM candidate.${table} WHERE candidate_id = $1`, [candidateId]);
    }
    // The tombstone holds her tag, not her id (libs/messaging erasure-tags.ts): still found by her id, linking to nobody.
    await em.query(`INSERT INTO candidate.erasures (tag, erased_at) VALUES ($1, $2)`, [await this.tags.tag(em, candidateId), at]);
  }

  override async erasedAt(em: EntityManager, candidateId: string): Promise<string | undefined> {
    const rows: { erased_at: Date }[] = await em.query(`SELECT erased_at FROM candidate.erasures WHERE tag = $1`, [
      await this.tags.tag(em, candidateId),
    ]);
    return rows[0]?.erased_at.toISOString();
  }
}
