import { auditObject } from '@jobbspar/platform';
import { Outbox } from '@jobbspar/messaging';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { InjectDataSource } from '@nestjs/typeorm';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { EmployerNotFoundError } from '../../../../employers/domain/employer.errors';
import { EmployerRepository } from '../../../../employers/domain/employer.repository';
import { RoleNotFoundError } from '../../../../roles/domain/role.errors';
import { RoleRepository } from '../../../../roles/domain/role.repository';
import { requireMunicipality } from '../../../../taxonomy/domain/taxonomy-lookups';
import { Need } from '../../../domain/need';
import { NeedRepository } from '../../../domain/need.repository';
import { publishNeedEvents } from '../../need-events';
import { NeedPolicyFactory } from '../../need-policy';
import { PostNeedCommand } from './post-need.command';

/**
 * Posts a need for a role version. Any employer may post for any role, standard or composed: municipalities in a
 * cooperation share the roles their HR composes, which is how one approach spreads across municipalities.
 */
@CommandHandler(PostNeedCommand)
export class PostNeedHandler implements ICommandHandler<PostNeedCommand> {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly employers: EmployerRepository,
    private readonly roles: RoleRepository,
    private readonly needs: NeedRepository,
    private readonly policies: NeedPolicyFactory,
    private readonly outbox: Outbox,
  ) {}

  async execute({ input, ctx }: PostNeedCommand): Promise<{ needId: string }> {
    const workplace = requireMunicipality(input.workplaceMunicipality, 'workplaceMunicipality');
    return this.dataSource.transaction(async (em) => {
      const employer = await this.employers.findById(em, input.employerId);
      if (!employer) throw new EmployerNotFoundError('employerId', input.employerId);
      const role = await this.roles.findById(em, input.roleId);
      if (!role) throw new RoleNotFoundError('roleId', input.roleId);
      const version = role.version(input.roleVersion, 'roleVersion');
      const policy = await this.policies.forCounty(em, workplace.countyCode);
      const need = Need.post(
        {
          id: randomUUID(),
          employerId: employer.id,
          role: { roleId: role.id, version: version.version, name: version.name, occupations: version.occupations, tasks: version.tasks },
          positions: input.positions,
          workplaceMunicipality: workplace.code,
          countyCode: workplace.countyCode,
          startDate: input.startDate,
          placementType: input.placementType,
          support: input.support,
          publish: input.publish,
        },
        policy,
      );
      auditObject(need.id);
      await this.needs.insert(em, need);
      await publishNeedEvents(this.outbox, em, need, ctx);
      return { needId: need.id };
    });
  }
}
