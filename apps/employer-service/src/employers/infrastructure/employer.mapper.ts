import { Employer, Sector } from '../domain/employer';
import { EmployerOrmEntity } from './employer.orm-entity';

export const EmployerMapper = {
  toDomain(row: EmployerOrmEntity): Employer {
    return Employer.restore({ ...row, sector: row.sector as Sector });
  },
  toOrm(employer: Employer): EmployerOrmEntity {
    return Object.assign(new EmployerOrmEntity(), employer.toProps());
  },
};
