import { requireMunicipality } from '../../taxonomy/domain/taxonomy-lookups';
import { tenantOfCounty } from '../../common/tenant';
import { InvalidOrganisationNumberError, NotAMunicipalityError } from './employer.errors';
import { legalFormGroup, organisationNumberProblem } from './organisation-number';

export const SECTORS = ['public', 'private'] as const;
export type Sector = (typeof SECTORS)[number];

export interface EmployerProps {
  id: string;
  organisationNumber: string;
  name: string;
  sector: Sector;
  municipalityCode: string;
  countyCode: string;
  /** A municipality as employer: its HR may compose new roles (the Skövde model). */
  isMunicipality: boolean;
  registeredAt: Date;
}

export interface RegisterEmployerInput {
  id: string;
  organisationNumber: string;
  name: string;
  sector: Sector;
  municipalityCode: string;
  isMunicipality: boolean;
}

export class Employer {
  private constructor(private readonly props: EmployerProps) {}

  static register(input: RegisterEmployerInput, now: Date): Employer {
    const problem = organisationNumberProblem(input.organisationNumber);
    if (problem) throw new InvalidOrganisationNumberError(input.organisationNumber, problem);
    const municipality = requireMunicipality(input.municipalityCode, 'municipalityCode');
    if (input.isMunicipality) {
      if (input.sector !== 'public') throw new NotAMunicipalityError('a municipality is in the public sector, not the private one');
      if (legalFormGroup(input.organisationNumber) !== 2) {
        throw new NotAMunicipalityError(
          `organisation number ${input.organisationNumber} is not in legal form group 2 (state, regions, municipalities)`,
        );
      }
    }
    return new Employer({
      id: input.id,
      organisationNumber: input.organisationNumber,
      name: input.name.trim(),
      sector: input.sector,
      municipalityCode: municipality.code,
      countyCode: municipality.countyCode,
      isMunicipality: input.isMunicipality,
      registeredAt: now,
    });
  }

  static restore(props: EmployerProps): Employer {
    return new Employer({ ...props });
  }

  get id(): string {
    return this.props.id;
  }
  get isMunicipality(): boolean {
    return this.props.isMunicipality;
  }
  get countyCode(): string {
    return this.props.countyCode;
  }
  get tenant(): string {
    return tenantOfCounty(this.props.countyCode);
  }

  toProps(): Readonly<EmployerProps> {
    return { ...this.props };
  }
}
