import { EmployerOrmEntity } from '../employers/infrastructure/employer.orm-entity';
import { NeedOrmEntity } from '../needs/infrastructure/need.orm-entity';
import { RoleOrmEntity, RoleVersionOrmEntity } from '../roles/infrastructure/role.orm-entity';
import { ShortageOverrideOrmEntity } from '../taxonomy/infrastructure/shortage-override.orm-entity';

/** Every TypeORM entity of this service. */
export const ENTITIES: Function[] = [EmployerOrmEntity, RoleOrmEntity, RoleVersionOrmEntity, NeedOrmEntity, ShortageOverrideOrmEntity];
