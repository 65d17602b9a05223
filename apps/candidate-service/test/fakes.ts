/**
 * In-memory stand-ins for the seams candidate-service's command handlers take (DataSource, the repositories, Outbox,
 * Inbox, Clock), for fast handler specs without a database or a broker. Each fake implements its repository's
 * abstract class, so a new repository method without a fake does not compile; none of them reads SQL. The fakes store immutable
 * records in Maps, as a table would, and a FakeDataSource transaction discards everything its participants recorded
 * when the callback throws. The PersonalDataCipher, CandidateDataKeys and CandidateProfilePublisher are the real
 * ones: they do no I/O beyond the repository they are given.
 */
import { ConsentPurpose } from '@jobbspar/contracts';
import {
  FakeDataSource,
  FakeIdempotencyRecords,
  FakeInbox,
  FakeOutbox,
  FixedClock,
  restorable,
  restoreAll,
  Transactional,
  uniqueViolation,
} from '@jobbspar/testing';
import type { EntityManager } from 'typeorm';
import { CandidateProfilePublisher } from '../src/candidates/application/candidate-profile.publisher';
import { CandidateProfile, FollowUpAttributes } from '../src/candidates/domain/candidate';
import { CandidateNotFoundError } from '../src/candidates/domain/candidate.errors';
import { CandidateDataKeys } from '../src/candidates/application/candidate-data-keys';
import { CandidateRecord, CandidateRepository, ConsentRecord, PersonalDataRecord } from '../src/candidates/domain/candidate.repository';
import { PlacementFollowUpRecord, PlacementRecord, PlacementRepository } from '../src/candidates/domain/placement.repository';
import type { TaskLevel } from '../src/internships/domain/internship';
import {
  AssessmentRecord,
  InternshipListFilter,
  InternshipListItem,
  InternshipOwnership,
  InternshipRecord,
  InternshipRepository,
  ValidationRecord,
} from '../src/internships/domain/internship.repository';
import { WorkplaceRecord, WorkplaceRepository } from '../src/internships/domain/workplace.repository';
import { NeedSnapshotRecord, RoleAndNeedRepository, RoleVersionRecord } from '../src/job-track/domain/role-and-need.repository';
import { PersonalDataCipher } from '../src/privacy/personal-data-cipher';

export * from '@jobbspar/testing';

export interface StoredConsent {
  given: boolean;
  changedAt: Date;
  changedBy: string;
}

export interface StoredPersonalData extends PersonalDataRecord {
  identityNumberIndex: Buffer | null;
}

const consentKey = (candidateId: string, purpose: ConsentPurpose): string => `${candidateId}|${purpose}`;

/** The candidate aggregate's tables: candidates, personal_data, consents, follow_up_attributes, erasures. */
export class FakeCandidateRepository extends CandidateRepository implements Transactional {
  readonly rows = new Map<string, CandidateRecord>();
  readonly personal = new Map<string, StoredPersonalData>();
  readonly consentRows = new Map<string, StoredConsent>();
  readonly followUps = new Map<string, FollowUpAttributes>();
  readonly erasures = new Map<string, Date>();
  /** The ids locked (SELECT ... FOR UPDATE), in order; not rolled back. */
  readonly locked: string[] = [];
  /** The identity-number blind indexes locked, in order; not rolled back. */
  readonly identityLocks: Buffer[] = [];

  seed(record: CandidateRecord): CandidateRecord {
    this.rows.set(record.candidateId, record);
    return record;
  }

  seedConsent(candidateId: string, purpose: ConsentPurpose, given: boolean, changedAt = new Date('2030-01-01T08:00:00Z')): void {
    this.consentRows.set(consentKey(candidateId, purpose), { given, changedAt, changedBy: 'coordinator:seed' });
  }

  stored(candidateId: string): CandidateRecord {
    const row = this.rows.get(candidateId);
    if (!row) throw new Error(`no candidate ${candidateId} stored`);
    return row;
  }

  consent(candidateId: string, purpose: ConsentPurpose): StoredConsent | undefined {
    return this.consentRows.get(consentKey(candidateId, purpose));
  }

  override async insert(_em: EntityManager, c: Omit<CandidateRecord, 'registeredAt'>): Promise<void> {
    if (this.rows.has(c.candidateId)) throw uniqueViolation('candidates_pkey');
    this.rows.set(c.candidateId, { ...c, registeredAt: new Date().toISOString() });
  }

  override async find(_em: EntityManager, candidateId: string): Promise<CandidateRecord | undefined> {
    return this.rows.get(candidateId);
  }

  override async lock(_em: EntityManager, candidateId: string): Promise<CandidateRecord> {
    const row = this.rows.get(candidateId);
    if (!row) throw new CandidateNotFoundError(candidateId);
    this.locked.push(candidateId);
    return row;
  }

  override async nextRevision(_em: EntityManager, candidateId: string): Promise<{ revision: number; tenant: string }> {
    const row = this.rows.get(candidateId);
    if (!row) throw new CandidateNotFoundError(candidateId);
    this.rows.set(candidateId, { ...row, revision: row.revision + 1 });
    return { revision: row.revision + 1, tenant: row.tenant };
  }

  override async setWaitingSince(_em: EntityManager, candidateId: string, date: string): Promise<void> {
    const row = this.rows.get(candidateId);
    if (row) this.rows.set(candidateId, { ...row, waitingSince: date });
  }

  override async lockIdentityNumber(_em: EntityManager, index: Buffer): Promise<void> {
    this.identityLocks.push(index);
  }

  override async updateProfile(_em: EntityManager, candidateId: string, tenant: string, p: CandidateProfile): Promise<void> {
    const row = this.rows.get(candidateId);
    if (!row) return;
    this.rows.set(candidateId, {
      ...row,
      tenant,
      homeMunicipality: p.homeMunicipality,
      availableFrom: p.availableFrom,
      maxCommuteMinutes: p.maxCommuteMinutes,
      interests: [...p.interests],
      supportNeeds: { closeSupervision: p.supportNeeds.closeSupervision, languageSupport: p.supportNeeds.languageSupport },
      languages: [...p.languages],
    });
  }

  override async insertPersonalData(
    _em: EntityManager,
    candidateId: string,
    data: PersonalDataRecord,
    identityNumberIndex: Buffer | null,
  ): Promise<void> {
    if (this.personal.has(candidateId)) throw uniqueViolation('personal_data_pkey');
    if (identityNumberIndex && [...this.personal.values()].some((p) => p.identityNumberIndex?.equals(identityNumberIndex))) {
      throw uniqueViolation('personal_data_identity_number_index_key');
    }
    this.personal.set(candidateId, { ...data, identityNumberIndex });
  }

  override async identityNumberTaken(_em: EntityManager, index: Buffer): Promise<boolean> {
    return [...this.personal.values()].some((p) => p.identityNumberIndex?.equals(index));
  }

  override async personalData(_em: EntityManager, candidateId: string): Promise<PersonalDataRecord | undefined> {
    const p = this.personal.get(candidateId);
    return p && { wrappedDataKey: p.wrappedDataKey, contact: p.contact, identityNumber: p.identityNumber };
  }

  override async consents(_em: EntityManager, candidateId: string): Promise<ConsentRecord[]> {
    return [...this.consentRows.entries()]
      .filter(([key]) => key.startsWith(`${candidateId}|`))
      .map(([key, c]) => ({ purpose: key.split('|')[1] as ConsentPurpose, given: c.given, changedAt: c.changedAt.toISOString() }))
      .sort((a, b) => a.purpose.localeCompare(b.purpose));
  }

  override async setConsent(
    _em: EntityManager,
    candidateId: string,
    purpose: ConsentPurpose,
    given: boolean,
    at: Date,
    actor: string,
  ): Promise<void> {
    this.consentRows.set(consentKey(candidateId, purpose), { given, changedAt: at, changedBy: actor });
  }

  override async insertFollowUp(_em: EntityManager, candidateId: string, f: FollowUpAttributes): Promise<void> {
    if (this.followUps.has(candidateId)) throw uniqueViolation('follow_up_attributes_pkey');
    this.followUps.set(candidateId, { ...f });
  }

  override async deleteFollowUp(_em: EntityManager, candidateId: string): Promise<void> {
    this.followUps.delete(candidateId);
  }

  override async erase(_em: EntityManager, candidateId: string, at: Date): Promise<void> {
    this.rows.delete(candidateId);
    this.personal.delete(candidateId);
    this.followUps.delete(candidateId);
    for (const key of [...this.consentRows.keys()]) if (key.startsWith(`${candidateId}|`)) this.consentRows.delete(key);
    if (this.erasures.has(candidateId)) throw uniqueViolation('erasures_pkey');
    this.erasures.set(candidateId, at);
  }

  override async erasedAt(_em: EntityManager, candidateId: string): Promise<string | undefined> {
    return this.erasures.get(candidateId)?.toISOString();
  }

  snapshot(): () => void {
    return restoreAll(
      this.rows as Map<unknown, unknown>,
      this.personal as Map<unknown, unknown>,
      this.consentRows as Map<unknown, unknown>,
      this.followUps as Map<unknown, unknown>,
      this.erasures as Map<unknown, unknown>,
    );
  }
}

export type StoredAssessment = Omit<AssessmentRecord, 'workplaceId' | 'validationId'>;

export interface StoredValidation extends ValidationRecord {
  assessedOn: string;
  workplaceId: string;
  supersedes: string | null;
  certifiedBy: string;
  revokedBy: string | null;
  revocationReason: string | null;
}

/** Her placements, as matching-service announced them. */
export class FakePlacementRepository extends PlacementRepository implements Transactional {
  readonly rows = new Map<string, PlacementRecord & { candidateId: string }>();
  /** By placement id and checkpoint. */
  readonly followUps = new Map<string, PlacementFollowUpRecord & { candidateId: string }>();

  override async recordStarted(_em: EntityManager, candidateId: string, p: Omit<PlacementRecord, 'endDate' | 'outcome'>): Promise<void> {
    if (!this.rows.has(p.placementId)) this.rows.set(p.placementId, { ...p, candidateId, endDate: null, outcome: null });
  }

  override async recordEnded(
    _em: EntityManager,
    candidateId: string,
    p: { placementId: string; endDate: string; outcome: string },
  ): Promise<boolean> {
    const row = this.rows.get(p.placementId);
    if (!row || row.candidateId !== candidateId) return false;
    this.rows.set(p.placementId, { ...row, endDate: p.endDate, outcome: p.outcome });
    return true;
  }

  override async recordFollowUp(_em: EntityManager, candidateId: string, f: PlacementFollowUpRecord): Promise<void> {
    const key = `${f.placementId}/${f.checkpointDays}`;
    if (!this.followUps.has(key)) this.followUps.set(key, { ...f, candidateId });
  }

  override async forgetCandidate(_em: EntityManager, candidateId: string): Promise<string[]> {
    for (const [key, f] of this.followUps) if (f.candidateId === candidateId) this.followUps.delete(key);
    const ids = [...this.rows.values()].filter((r) => r.candidateId === candidateId).map((r) => r.placementId);
    ids.forEach((id) => this.rows.delete(id));
    return ids;
  }

  snapshot(): () => void {
    return restoreAll(this.rows as Map<unknown, unknown>, this.followUps as Map<unknown, unknown>);
  }
}

/** The workplaces employer-service announced. */
export class FakeWorkplaceRepository extends WorkplaceRepository implements Transactional {
  readonly rows = new Map<string, WorkplaceRecord>();

  override async record(_em: EntityManager, w: WorkplaceRecord): Promise<void> {
    this.rows.set(w.workplaceId, { ...w });
  }

  override async exists(_em: EntityManager, workplaceId: string): Promise<boolean> {
    return this.rows.has(workplaceId);
  }

  seed(workplaceId: string): void {
    this.rows.set(workplaceId, { workplaceId, name: 'Skövde kommun', municipalityCode: '1496', organisationNumber: '212000-1660' });
  }

  snapshot(): () => void {
    return restorable(this.rows);
  }
}

/** Role versions and need snapshots for job tracks; like the SQL, a need changes only for a newer revision. */
export class FakeRoleAndNeedRepository extends RoleAndNeedRepository implements Transactional {
  readonly roles = new Map<string, RoleVersionRecord>();
  readonly needs = new Map<string, Partial<NeedSnapshotRecord> & { needId: string; revision: number; status: string }>();

  override async recordRoleVersion(_em: EntityManager, role: RoleVersionRecord): Promise<void> {
    const key = `${role.roleId}@${role.version}`;
    if (!this.roles.has(key)) this.roles.set(key, { ...role, tasks: role.tasks.map((t) => ({ ...t })) });
  }

  override async recordNeedSnapshot(_em: EntityManager, need: NeedSnapshotRecord): Promise<void> {
    const held = this.needs.get(need.needId);
    if (!held || held.revision < need.revision) this.needs.set(need.needId, { ...need, tasks: need.tasks.map((t) => ({ ...t })) });
  }

  override async recordNeedClosed(_em: EntityManager, need: { needId: string; revision: number; status: string }): Promise<void> {
    const held = this.needs.get(need.needId);
    if (!held || held.revision < need.revision) this.needs.set(need.needId, { ...held, ...need });
  }

  snapshot(): () => void {
    return restoreAll(this.roles as Map<unknown, unknown>, this.needs as Map<unknown, unknown>);
  }
}

/** Internships, assessments and validations, joined on read as the SQL does. */
export class FakeInternshipRepository extends InternshipRepository implements Transactional {
  readonly internshipRows = new Map<string, InternshipRecord & { createdBy: string }>();
  readonly assessmentRows = new Map<string, StoredAssessment>();
  readonly validationRows = new Map<string, StoredValidation>();

  override async insertInternship(_em: EntityManager, i: InternshipRecord, actor: string): Promise<void> {
    if (this.internshipRows.has(i.internshipId)) throw uniqueViolation('internships_pkey');
    this.internshipRows.set(i.internshipId, { ...i, createdBy: actor });
  }

  override async findInternship(_em: EntityManager, internshipId: string): Promise<InternshipRecord | undefined> {
    const row = this.internshipRows.get(internshipId);
    if (!row) return undefined;
    const { createdBy: _createdBy, ...record } = row;
    return record;
  }

  override async listInternships(
    _em: EntityManager,
    filter: InternshipListFilter,
  ): Promise<{ items: InternshipListItem[]; total: number }> {
    const matching = [...this.internshipRows.values()]
      .filter(
        (i) =>
          (!filter.workplaceId || i.workplaceId === filter.workplaceId) &&
          (!filter.candidateId || i.candidateId === filter.candidateId) &&
          (!filter.visibleTo ||
            filter.visibleTo.homeMunicipalities.includes(this.homeOf.get(i.candidateId) ?? '') ||
            (filter.visibleTo.workplaceOrganisation !== null &&
              this.organisationOfWorkplace.get(i.workplaceId) === filter.visibleTo.workplaceOrganisation)),
      )
      .sort((x, y) => y.startDate.localeCompare(x.startDate) || x.internshipId.localeCompare(y.internshipId));
    const items = matching.slice(filter.offset, filter.offset + filter.limit).map(({ createdBy: _createdBy, ...i }) => {
      const assessed = [...this.assessmentRows.values()].filter((a) => a.internshipId === i.internshipId);
      const certified = new Set([...this.validationRows.values()].map((v) => v.assessmentId));
      return { ...i, assessments: assessed.length, uncertified: assessed.filter((a) => !certified.has(a.assessmentId)).length };
    });
    return { items, total: matching.length };
  }

  /** What the SQL joins from candidates and workplaces for ownership(): set by a test that needs it. */
  readonly homeOf = new Map<string, string>();
  readonly organisationOfWorkplace = new Map<string, string>();

  override async ownership(
    _em: EntityManager,
    of: { internshipId: string } | { assessmentId: string } | { validationId: string },
  ): Promise<InternshipOwnership | undefined> {
    const assessmentId =
      'validationId' in of ? this.validationRows.get(of.validationId)?.assessmentId : 'assessmentId' in of ? of.assessmentId : undefined;
    const internshipId = 'internshipId' in of ? of.internshipId : assessmentId && this.assessmentRows.get(assessmentId)?.internshipId;
    const internship = internshipId ? this.internshipRows.get(internshipId) : undefined;
    if (!internship) return undefined;
    return {
      candidateId: internship.candidateId,
      homeMunicipality: this.homeOf.get(internship.candidateId) ?? null,
      workplaceOrganisation: this.organisationOfWorkplace.get(internship.workplaceId) ?? null,
    };
  }

  override async insertAssessment(_em: EntityManager, a: StoredAssessment): Promise<void> {
    if (this.assessmentRows.has(a.assessmentId)) throw uniqueViolation('assessments_pkey');
    if (!this.internshipRows.has(a.internshipId)) throw new Error(`assessment of unknown internship ${a.internshipId}`);
    this.assessmentRows.set(a.assessmentId, { ...a });
  }

  override async assessments(_em: EntityManager, where: { assessmentId?: string; internshipId?: string }): Promise<AssessmentRecord[]> {
    return [...this.assessmentRows.values()]
      .filter((a) => (where.assessmentId ? a.assessmentId === where.assessmentId : a.internshipId === where.internshipId))
      .map((a) => ({
        ...a,
        workplaceId: this.internshipRows.get(a.internshipId)!.workplaceId,
        validationId: [...this.validationRows.values()].find((v) => v.assessmentId === a.assessmentId)?.validationId ?? null,
      }))
      .sort((x, y) => x.assessedOn.localeCompare(y.assessedOn));
  }

  override async validationsOnTask(_em: EntityManager, candidateId: string, taskId: string): Promise<ValidationRecord[]> {
    return this.storedValidations((v) => v.candidateId === candidateId && v.taskId === taskId);
  }

  override async findValidation(_em: EntityManager, validationId: string): Promise<ValidationRecord | undefined> {
    return this.storedValidations((v) => v.validationId === validationId)[0];
  }

  override async insertValidation(
    _em: EntityManager,
    v: { validationId: string; assessment: AssessmentRecord; supersedes?: string; certifiedAt: Date; certifiedBy: string },
  ): Promise<void> {
    if (this.validationRows.has(v.validationId)) throw uniqueViolation('validations_pkey');
    const a = v.assessment;
    if ([...this.validationRows.values()].some((x) => x.assessmentId === a.assessmentId)) {
      throw uniqueViolation('validations_assessment_id_key');
    }
    this.validationRows.set(v.validationId, {
      validationId: v.validationId,
      assessmentId: a.assessmentId,
      candidateId: a.candidateId,
      taskId: a.taskId,
      level: a.level,
      assessedOn: a.assessedOn,
      workplaceId: a.workplaceId,
      supersedes: v.supersedes ?? null,
      revoked: false,
      certifiedAt: v.certifiedAt.toISOString(),
      certifiedBy: v.certifiedBy,
      revokedBy: null,
      revocationReason: null,
    });
  }

  override async markRevoked(_em: EntityManager, validationId: string, reason: string, actor: string): Promise<void> {
    const row = this.validationRows.get(validationId);
    if (!row) return;
    this.validationRows.set(validationId, { ...row, revoked: true, revokedBy: actor, revocationReason: reason });
  }

  override async forgetCandidate(_em: EntityManager, candidateId: string): Promise<void> {
    for (const [id, v] of this.validationRows) if (v.candidateId === candidateId) this.validationRows.delete(id);
    for (const [id, a] of this.assessmentRows) if (a.candidateId === candidateId) this.assessmentRows.delete(id);
    for (const [id, i] of this.internshipRows) if (i.candidateId === candidateId) this.internshipRows.delete(id);
  }

  /** Her rows in internships, assessments and validations. */
  rowsOf(candidateId: string): number {
    return [...this.internshipRows.values(), ...this.assessmentRows.values(), ...this.validationRows.values()].filter(
      (r) => r.candidateId === candidateId,
    ).length;
  }

  /** A certified validation as a row, for seeding a history. */
  seedValidation(v: {
    validationId: string;
    candidateId: string;
    taskId: string;
    level: TaskLevel;
    certifiedAt: string;
    revoked?: boolean;
    workplaceId?: string;
  }): void {
    this.validationRows.set(v.validationId, {
      ...v,
      assessmentId: `assessment-of-${v.validationId}`,
      assessedOn: v.certifiedAt.slice(0, 10),
      workplaceId: v.workplaceId ?? WORKPLACE_ID,
      supersedes: null,
      certifiedBy: 'coordinator:seed',
      revokedBy: v.revoked ? 'coordinator:seed' : null,
      revocationReason: v.revoked ? 'other' : null,
      revoked: v.revoked ?? false,
    });
  }

  private storedValidations(match: (v: StoredValidation) => boolean): ValidationRecord[] {
    return [...this.validationRows.values()]
      .filter(match)
      .sort((a, b) => a.certifiedAt.localeCompare(b.certifiedAt) || a.validationId.localeCompare(b.validationId))
      .map((v) => ({
        validationId: v.validationId,
        candidateId: v.candidateId,
        taskId: v.taskId,
        assessmentId: v.assessmentId,
        level: v.level,
        revoked: v.revoked,
        certifiedAt: v.certifiedAt,
      }));
  }

  snapshot(): () => void {
    return restoreAll(
      this.internshipRows as Map<unknown, unknown>,
      this.assessmentRows as Map<unknown, unknown>,
      this.validationRows as Map<unknown, unknown>,
    );
  }
}

export const CANDIDATE_ID = '11111111-1111-4111-8111-111111111111';
export const WORKPLACE_ID = 'aaaaaaaa-aaaa-4aaa-8aaa-aaaaaaaaaaaa';
export const INTERNSHIP_ID = '22222222-2222-4222-8222-222222222222';
export const CTX = { actor: 'coordinator:c-17', correlationId: 'corr-1234-abcd' };

/** A candidate in Skövde (municipality 1496, county 14) at revision 3. */
export function candidateRecord(over: Partial<CandidateRecord> = {}): CandidateRecord {
  return {
    candidateId: CANDIDATE_ID,
    tenant: 'se-14',
    revision: 3,
    homeMunicipality: '1496',
    availableFrom: '2030-02-01',
    maxCommuteMinutes: 45,
    interests: ['9412'],
    supportNeeds: { closeSupervision: true, languageSupport: false },
    languages: ['ar', 'sv'],
    waitingSince: '2030-01-02',
    registeredAt: '2030-01-02T09:00:00.000Z',
    ...over,
  };
}

/** Every fake, wired to one FakeDataSource whose transactions roll all of them back together. */
export function candidateWorld() {
  const cipher = new PersonalDataCipher(Buffer.alloc(32, 7));
  const candidates = new FakeCandidateRepository();
  const workplaces = new FakeWorkplaceRepository();
  const internships = new FakeInternshipRepository();
  const placements = new FakePlacementRepository();
  const roleAndNeeds = new FakeRoleAndNeedRepository();
  const outbox = new FakeOutbox('candidate-service');
  const inbox = new FakeInbox();
  const idempotency = new FakeIdempotencyRecords();
  const dataSource = new FakeDataSource([candidates, workplaces, internships, placements, roleAndNeeds, outbox, inbox, idempotency]);
  const profiles = new CandidateProfilePublisher(candidates, outbox);
  const keys = new CandidateDataKeys(candidates, cipher);
  const clock = new FixedClock(new Date('2030-01-10T08:00:00Z'));

  /** A registered candidate: her row, her personal data sealed with a real data key, and her matching consent. */
  function seedCandidate(over: Partial<CandidateRecord> = {}): CandidateRecord {
    const record = candidates.seed(candidateRecord(over));
    const { dataKey, wrapped } = cipher.newDataKey(record.candidateId);
    candidates.personal.set(record.candidateId, {
      wrappedDataKey: wrapped,
      contact: cipher.encryptJson(dataKey, record.candidateId, 'contact', { name: 'Hodan Test' }),
      identityNumber: null,
      identityNumberIndex: null,
    });
    candidates.seedConsent(record.candidateId, 'matching', true);
    return record;
  }

  return {
    cipher,
    candidates,
    workplaces,
    internships,
    placements,
    roleAndNeeds,
    outbox,
    inbox,
    idempotency,
    dataSource,
    profiles,
    keys,
    clock,
    seedCandidate,
  };
}
