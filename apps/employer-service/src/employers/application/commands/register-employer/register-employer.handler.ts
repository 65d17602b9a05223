import { EmployerRegisteredV1 } from '@jobbspar/contracts';
import { Outbox } from '@jobbspar/messaging';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { InjectDataSource } from '@nestjs/typeorm';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { auditObject, Clock } from '@jobbspar/platform';
import { isUniqueViolation } from '../../../../common/postgres-errors';
import { Employer } from '../../../domain/employer';
import { EmployerAlreadyRegisteredError } from '../../../domain/employer.errors';
import { EmployerRepository } from '../../../domain/employer.repository';
import { RegisterEmployerCommand } from './register-employer.command';

@CommandHandler(RegisterEmployerCommand)
export class RegisterEmployerHandler implements ICommandHandler<RegisterEmployerCommand> {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly employers: EmployerRepository,
    private readonly outbox: Outbox,
    private readonly clock: Clock,
  ) {}

  async execute({ input, ctx }: RegisterEmployerCommand): Promise<{ employerId: string }> {
    const employer = Employer.register({ id: randomUUID(), ...input }, this.clock.now());
    auditObject(employer.id);
    try {
      await this.dataSource.transaction(async (em) => {
        const existing = await this.employers.findIdByOrganisationNumber(em, input.organisationNumber);
        if (existing) throw new EmployerAlreadyRegisteredError(input.organisationNumber, existing);
        await this.employers.insert(em, employer);
        const p = employer.toProps();
        await this.outbox.append(
          em,
          EmployerRegisteredV1,
          {
            employerId: p.id,
            organisationNumber: p.organisationNumber,
            name: p.name,
            sector: p.sector,
            municipalityCode: p.municipalityCode,
            isMunicipality: p.isMunicipality,
          },
          { tenant: employer.tenant, aggregateId: p.id, aggregateVersion: 1, ...ctx },
        );
      });
    } catch (error) {
      // Two registrations of one number at the same moment: the unique index decides, the loser gets a 409.
      if (isUniqueViolation(error, 'employers_organisation_number_key')) throw new EmployerAlreadyRegisteredError(input.organisationNumber);
      throw error;
    }
    return { employerId: employer.id };
  }
}
