import type { Sector } from '../../domain/employer';

/** What the API shows of an employer. */
export interface EmployerView {
  id: string;
  organisationNumber: string;
  name: string;
  sector: Sector;
  municipalityCode: string;
  countyCode: string;
  isMunicipality: boolean;
  registeredAt: string;
}
