import {
  CandidateErasedV1,
  CandidateProfileUpdatedV1,
  CandidateRegisteredV1,
  ConsentChangedV1,
  EmployerRegisteredV1,
  NeedClosedV1,
  NeedPostedV1,
  NeedSnapshotV1Payload,
  NeedUpdatedV1,
  ProposalWithdrawnV1,
  TaskValidatedV1,
  TaskValidationRevokedV1,
} from '@jobbspar/contracts';
import { translate } from './contract-translation';

const NEED = '00000000-0000-4000-8000-000000000001';
const CANDIDATE = '00000000-0000-4000-8000-0000000000c1';

const snapshot: NeedSnapshotV1Payload = {
  needId: NEED,
  revision: 4,
  employerId: '00000000-0000-4000-8000-000000000002',
  roleId: '00000000-0000-4000-8000-000000000003',
  roleVersion: 2,
  roleName: 'Serviceassistent',
  occupations: ['5120', '9111'],
  tasks: [
    { taskId: 'kitchen.serve-school-lunch', requiredLevel: 2, weight: 'must-have' },
    { taskId: 'kitchen.dishwashing', requiredLevel: 1, weight: 'nice-to-have' },
  ],
  positions: 3,
  positionsFilled: 1,
  workplaceMunicipality: '1496',
  countyCode: '14',
  startDate: '2026-12-01',
  placementType: 'work-training',
  support: { supervisorCapacity: 2, pairInternshipAllowed: true, languageSupport: false },
  status: 'open',
  shortage: true,
};

describe(translate.name, () => {
  it.each([NeedPostedV1, NeedUpdatedV1])("maps a %s snapshot into matching's need: tenant, positions left and terms", (contract) => {
    expect(translate(contract, snapshot)).toEqual({
      kind: 'need-snapshot',
      need: {
        needId: NEED,
        revision: 4,
        status: 'open',
        tenant: 'se-14',
        positionsLeft: 2,
        workplaceMunicipality: '1496',
        occupations: ['5120', '9111'],
        terms: {
          employerId: snapshot.employerId,
          roleName: 'Serviceassistent',
          roleVersion: snapshot.roleVersion,
          placementType: 'work-training',
          startDate: '2026-12-01',
          tasks: snapshot.tasks,
          shortage: true,
          support: { supervisorCapacity: 2, pairInternshipAllowed: true, languageSupport: false },
        },
      },
    });
  });

  it('never lets positions left go below zero', () => {
    const fact = translate(NeedUpdatedV1, { ...snapshot, positions: 1, positionsFilled: 2 });
    expect(fact).toMatchObject({ need: { positionsLeft: 0 } });
  });

  it('keeps nothing of the contract that matching does not use (the role only by its name and version)', () => {
    const fact = translate(NeedPostedV1, snapshot) as { need: { terms: object } };
    expect(Object.keys(fact.need.terms).sort()).toEqual([
      'employerId',
      'placementType',
      'roleName',
      'roleVersion',
      'shortage',
      'startDate',
      'support',
      'tasks',
    ]);
  });

  it('maps a close, keeping its revision and final status', () => {
    expect(translate(NeedClosedV1, { needId: NEED, revision: 5, status: 'filled', reason: 'positions-filled' })).toEqual({
      kind: 'need-closed',
      needId: NEED,
      revision: 5,
      status: 'filled',
    });
  });

  it.each([CandidateRegisteredV1, CandidateProfileUpdatedV1])('maps a %s profile, with consent beside the profile', (contract) => {
    const payload = {
      candidateId: CANDIDATE,
      revision: 3,
      homeMunicipality: '1496',
      availableFrom: '2026-11-01',
      maxCommuteMinutes: 45,
      interests: ['5120'],
      supportNeeds: { closeSupervision: false, languageSupport: true },
      waitingSince: '2025-01-01',
      matchingConsent: true,
    };
    expect(translate(contract, payload)).toEqual({
      kind: 'candidate-profile',
      candidate: {
        candidateId: CANDIDATE,
        revision: 3,
        matchingConsent: true,
        profile: {
          homeMunicipality: '1496',
          availableFrom: '2026-11-01',
          maxCommuteMinutes: 45,
          interests: ['5120'],
          supportNeeds: { closeSupervision: false, languageSupport: true },
          waitingSince: '2025-01-01',
        },
      },
    });
  });

  it('maps matching consent and ignores consent to any other purpose', () => {
    const consent = { candidateId: CANDIDATE, revision: 4, given: false, changedAt: '2026-01-01T10:00:00Z' };
    expect(translate(ConsentChangedV1, { ...consent, purpose: 'matching' })).toEqual({
      kind: 'consent-changed',
      candidateId: CANDIDATE,
      revision: 4,
      given: false,
    });
    expect(translate(ConsentChangedV1, { ...consent, purpose: 'follow-up-statistics' })).toBeUndefined();
  });

  it('maps validations, their revocations and erasure', () => {
    const validation = {
      validationId: '00000000-0000-4000-8000-0000000000f1',
      candidateId: CANDIDATE,
      taskId: 'kitchen.dishwashing',
      level: 2,
      effectiveLevel: 3,
      assessedOn: '2025-10-01',
      workplaceId: '00000000-0000-4000-8000-0000000000e1',
    };
    expect(translate(TaskValidatedV1, validation)).toEqual({
      kind: 'task-validated',
      validation: {
        validationId: validation.validationId,
        candidateId: CANDIDATE,
        taskId: 'kitchen.dishwashing',
        level: 2,
        supersedes: null,
      },
    });
    expect(translate(TaskValidationRevokedV1, { ...validation, reason: 'assessment-error', effectiveLevel: null })).toEqual({
      kind: 'validation-revoked',
      validationId: validation.validationId,
      candidateId: CANDIDATE,
      taskId: 'kitchen.dishwashing',
    });
    expect(translate(CandidateErasedV1, { candidateId: CANDIDATE, erasedAt: '2026-01-01T10:00:00Z' })).toEqual({
      kind: 'candidate-erased',
      candidateId: CANDIDATE,
    });
  });

  it('maps an EmployerRegistered into whose organisation the employer is, dropping what matching does not use', () => {
    expect(
      translate(EmployerRegisteredV1, {
        employerId: NEED,
        organisationNumber: '212000-1876',
        name: 'Skövde kommun',
        sector: 'public',
        municipalityCode: '1496',
        isMunicipality: true,
      }),
    ).toEqual({
      kind: 'employer-registered',
      employer: {
        employerId: NEED,
        organisationNumber: '212000-1876',
        name: 'Skövde kommun',
        municipalityCode: '1496',
        isMunicipality: true,
      },
    });
  });

  it('has nothing to say about contracts the read models are not built from', () => {
    expect(
      translate(ProposalWithdrawnV1, { proposalId: NEED, needId: NEED, candidateId: CANDIDATE, reason: 'reoptimised' }),
    ).toBeUndefined();
  });
});
