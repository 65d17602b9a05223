/** The API's shapes the web app reads, as documented in /openapi.json. */
export type Level = 1 | 2 | 3;
export type Weight = 'must-have' | 'nice-to-have';
export type PlacementType = 'internship' | 'work-training' | 'employment';
export type NeedStatus = 'draft' | 'open' | 'filled' | 'closed';
export type ProposalStatus = 'proposed' | 'accepted' | 'rejected' | 'withdrawn' | 'placed';
export type RejectReason =
  | 'task-level-insufficient'
  | 'commute-not-feasible'
  | 'availability-mismatch'
  | 'support-not-available'
  | 'candidate-declined'
  | 'employer-declined'
  | 'position-filled-otherwise'
  | 'other';

export interface Page<T> {
  items: T[];
  total: number;
  limit: number;
  offset: number;
}

export interface Employer {
  id: string;
  organisationNumber: string;
  name: string;
  sector: 'public' | 'private';
  municipalityCode: string;
  countyCode: string;
  isMunicipality: boolean;
}

export interface Municipality {
  code: string;
  name: string;
  countyCode: string;
}

export interface County {
  code: string;
  name: string;
}

export interface Occupation {
  ssyk: string;
  nameSv: string;
  nameEn: string;
  area: string;
  coreTaskIds: string[];
}

export interface Task {
  id: string;
  nameSv: string;
  nameEn: string;
  occupations: string[];
  levels: Record<'1' | '2' | '3', string>;
  languageDemand?: { kind: string; description: string };
}

export interface RoleTask {
  taskId: string;
  requiredLevel: Level;
  weight: Weight;
  nameSv?: string;
  nameEn?: string;
}

export interface RoleVersion {
  roleId: string;
  version: number;
  name: string;
  occupations: string[];
  tasks: RoleTask[];
  createdAt: string;
}

export interface Role {
  id: string;
  kind: 'standard' | 'composed';
  employerId: string | null;
  ssyk: string | null;
  latestVersion: number;
  name: string;
  occupations: string[];
  tasks: RoleTask[];
  createdAt: string;
  updatedAt: string;
  versions?: RoleVersion[];
}

export interface Support {
  supervisorCapacity: number;
  pairInternshipAllowed: boolean;
  languageSupport: boolean;
}

export interface Need {
  id: string;
  revision: number;
  employerId: string;
  roleId: string;
  roleVersion: number;
  roleName: string;
  occupations: string[];
  tasks: RoleTask[];
  positions: number;
  positionsFilled: number;
  positionsOpen: number;
  workplaceMunicipality: string;
  countyCode: string;
  startDate: string;
  placementType: PlacementType;
  support: Support;
  status: NeedStatus;
  shortage: boolean;
  closeReason: string | null;
  postedAt: string | null;
  createdAt: string;
  updatedAt: string;
}

export interface Factor {
  factor: 'taskCoverage' | 'interests' | 'shortage' | 'waiting' | 'supportFit' | string;
  value: number;
  weight: number;
  contribution: number;
  detail: string;
}

export interface TaskCoverage {
  taskId: string;
  weight: Weight;
  reached: number | null;
  required: number;
}

export interface Explanation {
  score: number;
  factors: Factor[];
  tasksCovered: TaskCoverage[];
  tasksMissing: TaskCoverage[];
}

export interface Proposal {
  proposalId: string;
  needId: string;
  candidateId: string;
  pairId: string | null;
  status: ProposalStatus;
  score: number;
  explanation: Explanation;
  municipality: string;
  occupations: string[];
  reasonCode?: RejectReason | null;
  comment?: string | null;
  withdrawalReason?: string | null;
  reviewedAt?: string | null;
  createdAt: string;
}

export interface SupportNeeds {
  closeSupervision: boolean;
  languageSupport: boolean;
}

export interface CandidateListItem {
  candidateId: string;
  region: string;
  revision: number;
  homeMunicipality: string;
  availableFrom: string;
  maxCommuteMinutes: number;
  interests: string[];
  supportNeeds: SupportNeeds;
  languages: string[];
  waitingSince: string;
  registeredAt: string;
  matchingConsent: boolean;
}

export interface CandidatePage {
  items: CandidateListItem[];
  page: number;
  pageSize: number;
  total: number;
}

export interface Consent {
  purpose: 'matching' | 'follow-up-statistics';
  given: boolean;
  changedAt: string;
}

export interface Candidate extends Omit<CandidateListItem, 'matchingConsent'> {
  contact: { name: string; email?: string; phone?: string };
  personalIdentityNumberMasked: string | null;
  consents: Consent[];
  taskLevels: Record<string, number>;
}

export interface Assessment {
  assessmentId: string;
  taskId: string;
  level: number;
  assessedOn: string;
  comment: string | null;
  validationId: string | null;
}

export interface Internship {
  internshipId: string;
  candidateId: string;
  workplaceId: string;
  supervisorRole: string;
  startDate: string;
  endDate: string;
  assessments: Assessment[];
}

export interface JobTrackStep {
  taskId: string;
  taskName: string;
  requiredLevel: number;
  currentLevel: number;
  weight: Weight;
  opensNeeds: number;
}

export const FOLLOW_UP_STATUSES = ['in-work', 'in-studies', 'other'] as const;
/** How a placement ended (libs/contracts PLACEMENT_OUTCOMES). */
export const PLACEMENT_OUTCOMES = ['employed', 'continued-studies', 'completed-no-job', 'interrupted'] as const;
export type PlacementOutcome = (typeof PLACEMENT_OUTCOMES)[number];
export type FollowUpStatus = (typeof FOLLOW_UP_STATUSES)[number];

export interface FollowUp {
  checkpointDays: 30 | 90 | 180;
  status: FollowUpStatus;
  recordedOn: string;
}

export interface Placement {
  placementId: string;
  proposalId: string;
  needId: string;
  candidateId: string;
  employerId: string;
  placementType: PlacementType;
  startDate: string;
  status: 'started' | 'ended';
  endDate?: string | null;
  outcome?: PlacementOutcome | null;
  followUps: FollowUp[];
  support?: SupportMeasures;
  nextFollowUp?: { checkpointDays: number; dueOn: string } | null;
}

/** What the workplace attaches to a placement when the employer confirms it. */
export interface SupportMeasures {
  supervisor: boolean;
  languageSupport: boolean;
  studyCounselling: boolean;
}

export const DECLINE_REASONS = [
  'position-filled-otherwise',
  'tasks-not-covered',
  'support-not-available',
  'start-date-not-feasible',
  'need-changed',
  'other',
] as const;
export type DeclineReason = (typeof DECLINE_REASONS)[number];

/** An accepted proposal as her employer sees it: a pseudonym, the tasks, the support she needs; no contact data. */
export interface EmployerProposal {
  proposalId: string;
  needId: string;
  roleName: string | null;
  candidateId: string;
  pairId: string | null;
  status: 'accepted' | 'placed' | 'declined' | 'withdrawn';
  score: number;
  acceptedScore: number;
  tasksCovered: TaskCoverage[];
  tasksMissing: TaskCoverage[];
  supportNeeds: SupportNeeds | null;
  acceptedAt: string;
  decidedAt: string | null;
  declineReason: DeclineReason | null;
  withdrawalReason: string | null;
  need: {
    roleName: string | null;
    workplaceMunicipality: string;
    placementType: PlacementType | null;
    startDate: string | null;
    positionsLeft: number | null;
  };
}

export interface JobTrack {
  candidateId: string;
  roleId: string;
  roleVersion: number;
  roleName: string;
  nearbyMunicipalities: string[];
  openNeedsNearby: number;
  steps: JobTrackStep[];
  placements: Placement[];
}

export interface FollowUpStatistics {
  municipality: string;
  total: number;
  gender: Record<string, number | null>;
  bornAbroad: Record<string, number | null>;
  reasonForImmigration: Record<string, number | null>;
  smallestShownCount: number;
}

/** Why (or why not) a candidate for a need: GET /matching/candidates/{id}/why?needId= */
export type PairVerdict = 'filtered-out' | 'no-score' | 'holds-no-task' | 'proposed' | 'accepted' | 'placed' | 'out-competed' | 'pending';
export type DecidingCapacity = 'need-slots' | 'candidate-slots' | 'supervisor-capacity';

export interface HoldingProposal {
  proposalId: string | null;
  needId: string | null;
  score: number;
}

export interface PairWhy {
  candidateId: string;
  needId: string;
  verdict: PairVerdict;
  proposalId: string | null;
  settledAs: 'rejected' | 'declined' | null;
  settledReason: string | null;
  filters: {
    passed: boolean;
    needOpen: { passed: boolean; status: string };
    positionsLeft: { passed: boolean; positionsLeft: number };
    availableByStart: { passed: boolean; availableFrom: string | null; startsOn: string };
    commute: { passed: boolean; minutes: number | null; maxMinutes: number | null };
    consent: { passed: boolean };
    notRejectedBefore: { passed: boolean };
    mustHaves: { passed: boolean; taskId: string; required: number; reached: number | null }[];
  };
  homeMunicipality: string | null;
  workplaceMunicipality: string;
  holdsNeedTask: boolean;
  score: number | null;
  weightsVersion: string | null;
  factors: Factor[];
  tasksCovered: TaskCoverage[];
  tasksMissing: TaskCoverage[];
  capacity: {
    decidedBy: DecidingCapacity[];
    scoreNeeded: number | null;
    needSlots: number | null;
    needHeldBy: HoldingProposal[];
    candidateSlots: number | null;
    candidateHeldBy: HoldingProposal[];
    needsCloseSupervision: boolean;
    supervisorSlots: number | null;
    supervisorHeldBy: HoldingProposal[];
  };
}
