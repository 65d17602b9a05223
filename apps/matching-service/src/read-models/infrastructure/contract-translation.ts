import {
  CandidateErasedV1,
  CandidateErasedV1Payload,
  CandidateProfileUpdatedV1,
  CandidateProfileV1Payload,
  CandidateRegisteredV1,
  ConsentChangedV1,
  ConsentChangedV1Payload,
  Contract,
  EmployerRegisteredV1,
  EmployerRegisteredV1Payload,
  NeedClosedV1,
  NeedClosedV1Payload,
  NeedPostedV1,
  NeedSnapshotV1Payload,
  NeedUpdatedV1,
  TaskValidatedV1,
  TaskValidatedV1Payload,
  TaskValidationRevokedV1,
  TaskValidationRevokedV1Payload,
} from '@jobbspar/contracts';
import type { CandidateProfile, NeedSnapshotFact, ReadModelFact } from '../domain/read-models';

/**
 * The translation layer: the only code that knows the contracts' payloads. Each contract version the read models
 * accept maps here into matching's own facts; a V2 of a contract is one more mapping beside its V1, and the
 * projection, the repository and the engine do not change.
 */
export function translate(contract: Contract, payload: object): ReadModelFact | undefined {
  switch (contract) {
    case EmployerRegisteredV1: {
      const p = payload as EmployerRegisteredV1Payload;
      return {
        kind: 'employer-registered',
        employer: {
          employerId: p.employerId,
          organisationNumber: p.organisationNumber,
          name: p.name,
          municipalityCode: p.municipalityCode,
          isMunicipality: p.isMunicipality,
        },
      };
    }
    case NeedPostedV1:
    case NeedUpdatedV1:
      return { kind: 'need-snapshot', need: needFromSnapshotV1(payload as NeedSnapshotV1Payload) };
    case NeedClosedV1: {
      const p = payload as NeedClosedV1Payload;
      return { kind: 'need-closed', needId: p.needId, revision: p.revision, status: p.status };
    }
    case CandidateRegisteredV1:
    case CandidateProfileUpdatedV1: {
      const p = payload as CandidateProfileV1Payload;
      return {
        kind: 'candidate-profile',
        candidate: { candidateId: p.candidateId, revision: p.revision, matchingConsent: p.matchingConsent, profile: profileFromV1(p) },
      };
    }
    case ConsentChangedV1: {
      const p = payload as ConsentChangedV1Payload;
      // Consent to other purposes is none of matching's business.
      if (p.purpose !== 'matching') return undefined;
      return { kind: 'consent-changed', candidateId: p.candidateId, revision: p.revision, given: p.given };
    }
    case TaskValidatedV1: {
      const p = payload as TaskValidatedV1Payload;
      return {
        kind: 'task-validated',
        validation: {
          validationId: p.validationId,
          candidateId: p.candidateId,
          taskId: p.taskId,
          level: p.level,
          supersedes: p.supersedes ?? null,
        },
      };
    }
    case TaskValidationRevokedV1: {
      const p = payload as TaskValidationRevokedV1Payload;
      return { kind: 'validation-revoked', validationId: p.validationId, candidateId: p.candidateId, taskId: p.taskId };
    }
    case CandidateErasedV1:
      return { kind: 'candidate-erased', candidateId: (payload as CandidateErasedV1Payload).candidateId };
    default:
      return undefined;
  }
}

export function needFromSnapshotV1(s: NeedSnapshotV1Payload): NeedSnapshotFact {
  return {
    needId: s.needId,
    revision: s.revision,
    status: s.status,
    tenant: `se-${s.countyCode}`,
    positionsLeft: Math.max(0, s.positions - s.positionsFilled),
    workplaceMunicipality: s.workplaceMunicipality,
    occupations: [...s.occupations],
    terms: {
      employerId: s.employerId,
      roleName: s.roleName,
      roleVersion: s.roleVersion,
      placementType: s.placementType,
      startDate: s.startDate,
      tasks: s.tasks.map((t) => ({ taskId: t.taskId, requiredLevel: t.requiredLevel, weight: t.weight })),
      shortage: s.shortage,
      support: {
        supervisorCapacity: s.support.supervisorCapacity,
        pairInternshipAllowed: s.support.pairInternshipAllowed,
        languageSupport: s.support.languageSupport,
      },
    },
  };
}

export function profileFromV1(p: CandidateProfileV1Payload): CandidateProfile {
  return {
    homeMunicipality: p.homeMunicipality,
    availableFrom: p.availableFrom,
    maxCommuteMinutes: p.maxCommuteMinutes,
    interests: [...p.interests],
    supportNeeds: { closeSupervision: p.supportNeeds.closeSupervision, languageSupport: p.supportNeeds.languageSupport },
    waitingSince: p.waitingSince,
  };
}
