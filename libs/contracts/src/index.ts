import 'reflect-metadata';
import { ContractRegistry } from './contract';
import { EmployerRegisteredV1 } from './employer/employer-registered.v1';
import { RoleDefinedV1, RoleVersionedV1 } from './employer/role-defined.v1';
import { NeedClosedV1, NeedPostedV1, NeedUpdatedV1 } from './employer/need-posted.v1';
import { CandidateProfileUpdatedV1, CandidateRegisteredV1 } from './candidate/candidate-profile.v1';
import { ConsentChangedV1 } from './candidate/consent-changed.v1';
import { TaskValidatedV1, TaskValidationRevokedV1 } from './candidate/task-validated.v1';
import { CandidateErasedV1 } from './candidate/candidate-erased.v1';
import {
  ProposalConfirmedV1,
  ProposalCreatedV1,
  ProposalDeclinedV1,
  ProposalRescoredV1,
  ProposalReviewedV1,
  ProposalWithdrawnV1,
} from './matching/proposal.v1';
import { FollowUpRecordedV1, PlacementEndedV1, PlacementStartedV1 } from './matching/placement.v1';

export * from './topics';
export * from './envelope';
export * from './contract';
export * from './common';
export * from './employer/employer-registered.v1';
export * from './employer/role-defined.v1';
export * from './employer/need-posted.v1';
export * from './candidate/candidate-profile.v1';
export * from './candidate/consent-changed.v1';
export * from './candidate/task-validated.v1';
export * from './candidate/candidate-erased.v1';
export * from './matching/proposal.v1';
export * from './matching/placement.v1';
export * from './statistics/equal-distribution.v1';

/** Every published contract version; consumers decode with this registry. */
export const CONTRACTS = new ContractRegistry([
  EmployerRegisteredV1,
  RoleDefinedV1,
  RoleVersionedV1,
  NeedPostedV1,
  NeedUpdatedV1,
  NeedClosedV1,
  CandidateRegisteredV1,
  CandidateProfileUpdatedV1,
  ConsentChangedV1,
  TaskValidatedV1,
  TaskValidationRevokedV1,
  CandidateErasedV1,
  ProposalCreatedV1,
  ProposalWithdrawnV1,
  ProposalReviewedV1,
  ProposalRescoredV1,
  ProposalConfirmedV1,
  ProposalDeclinedV1,
  PlacementStartedV1,
  PlacementEndedV1,
  FollowUpRecordedV1,
]);
export * from './asyncapi';
