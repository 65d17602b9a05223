/**
 * Whose objects a caller of matching-service sees, taken from her verified token by the access policy
 * (access/matching-policy.ts `viewerOf`). Another organisation's or area's object answers as one that does not
 * exist (404). `null` fields: the caller has no such side.
 */
export interface Viewer {
  /** Sees everything: a call from inside the service (no principal). */
  readonly unrestricted: boolean;
  /** An employer's staff: the organisation number of her organisation (`employer:<number>`). */
  readonly employerOrganisation: string | null;
  /** Municipal HR: the municipalities whose needs she answers for as their employer. */
  readonly hrMunicipalities: readonly string[];
  /** A coordinator: the municipalities of her area, whose residents' placements she follows up. */
  readonly coordinatorArea: readonly string[] | null;
}

export const UNRESTRICTED: Viewer = { unrestricted: true, employerOrganisation: null, hrMunicipalities: [], coordinatorArea: null };

/** The employer as matching knows it: enough to say whose organisation it is. */
export interface EmployerIdentity {
  readonly organisationNumber: string;
  readonly municipalityCode: string;
  readonly isMunicipality: boolean;
}

/**
 * Whether the caller speaks for this employer: its own staff, or the HR of the municipality that is the employer.
 * An employer matching has not heard of yet is nobody's.
 */
export function speaksFor(viewer: Viewer, employer: EmployerIdentity | undefined): boolean {
  if (viewer.unrestricted) return true;
  if (!employer) return false;
  if (viewer.employerOrganisation !== null && employer.organisationNumber === viewer.employerOrganisation) return true;
  return employer.isMunicipality && viewer.hrMunicipalities.includes(employer.municipalityCode);
}

/** Whether a coordinator's area holds this home municipality (a placement of a resident of her area). */
export function coversHome(viewer: Viewer, homeMunicipality: string | undefined): boolean {
  if (viewer.unrestricted) return true;
  return viewer.coordinatorArea !== null && homeMunicipality !== undefined && viewer.coordinatorArea.includes(homeMunicipality);
}
