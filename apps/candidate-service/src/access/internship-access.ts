import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { hasRole, type Principal } from '@jobbspar/platform';
import { DataSource } from 'typeorm';
import { AssessmentNotFoundError, InternshipNotFoundError, ValidationNotFoundError } from '../internships/domain/internship.errors';
import { InternshipOwnership, InternshipRepository, InternshipVisibility } from '../internships/domain/internship.repository';

/**
 * The object-level half of candidate-service's policy for internships: a coordinator's are those of her area's
 * candidates (as her candidates are: candidate-access.ts), a supervisor's those at her own workplace.
 */
@Injectable()
export class InternshipAccess {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly internships: InternshipRepository,
  ) {}

  /**
   * Whose internships the caller sees: a coordinator those of her area's candidates, a supervisor those at her own
   * workplace (her organisation is the employer), both for someone with both roles. Undefined: no restriction (no
   * principal: a service's own work).
   */
  internshipVisibility(principal: Principal | undefined): InternshipVisibility | undefined {
    if (!principal) return undefined;
    return {
      homeMunicipalities: hasRole(principal, 'coordinator') ? [...principal.municipalities] : [],
      workplaceOrganisation:
        hasRole(principal, 'supervisor') && principal.organisation.type === 'employer' ? principal.organisation.key : null,
    };
  }

  /**
   * An internship, one of its assessments, or a validation certified from one, outside what the caller sees does
   * not exist for her (404, as a candidate outside her area): a supervisor of another workplace cannot read or
   * assess another workplace's intern, a coordinator cannot certify for a candidate of another area.
   */
  async assertInternshipVisible(
    principal: Principal | undefined,
    of: { internshipId: string } | { assessmentId: string } | { validationId: string },
  ): Promise<void> {
    const visibility = this.internshipVisibility(principal);
    if (!visibility) return;
    const owner = await this.internships.ownership(this.dataSource.manager, of);
    if (owner && sees(visibility, owner)) return;
    if ('internshipId' in of) throw new InternshipNotFoundError(of.internshipId);
    if ('assessmentId' in of) throw new AssessmentNotFoundError(of.assessmentId);
    throw new ValidationNotFoundError(of.validationId);
  }
}

function sees(visibility: InternshipVisibility, owner: InternshipOwnership): boolean {
  return (
    (owner.homeMunicipality !== null && visibility.homeMunicipalities.includes(owner.homeMunicipality)) ||
    (visibility.workplaceOrganisation !== null && owner.workplaceOrganisation === visibility.workplaceOrganisation)
  );
}
