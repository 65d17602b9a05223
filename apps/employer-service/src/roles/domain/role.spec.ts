import 'reflect-metadata';
import { RoleDefinedV1, validatePayload } from '@jobbspar/contracts';
import { listOccupations, standardRoleTasks, TAXONOMY_VERSION } from '@jobbspar/taxonomy';
import { UnknownOccupationError } from '../../taxonomy/domain/taxonomy.errors';
import { Role } from './role';
import { EmployerCannotComposeRolesError, RoleVersionNotFoundError, StandardRoleNotEditableError } from './role.errors';

const T1 = new Date('2030-01-10T08:00:00Z');
const T2 = new Date('2030-02-01T08:00:00Z');
const SKOVDE = { id: 'aaaaaaaa-aaaa-4aaa-8aaa-aaaaaaaaaaaa', isMunicipality: true, countyCode: '14' };
const COMPANY = { id: 'bbbbbbbb-bbbb-4bbb-8bbb-bbbbbbbbbbbb', isMunicipality: false, countyCode: '14' };
const ROLE_ID = 'cccccccc-cccc-4ccc-8ccc-cccccccccccc';

const composition = {
  name: 'Serviceassistent',
  tasks: [
    { taskId: 'kitchen.serve-school-lunch', requiredLevel: 2, weight: 'must-have' },
    { taskId: 'cleaning.classroom-clean', requiredLevel: 1, weight: 'nice-to-have' },
  ],
};

describe(Role.name, () => {
  describe('composed by municipal HR', () => {
    it('starts at version 1 in the municipality’s region, with the taxonomy version recorded', () => {
      const { role, change } = Role.compose(ROLE_ID, SKOVDE, composition, T1);
      expect(change).toEqual({ kind: 'defined', version: role.latest });
      expect(role.latest).toMatchObject({
        version: 1,
        name: 'Serviceassistent',
        occupations: ['9412', '9111'],
        taxonomyVersion: TAXONOMY_VERSION,
        createdAt: T1,
      });
      expect(role.employerId).toBe(SKOVDE.id);
      expect(role.kind).toBe('composed');
      expect(role.tenant).toBe('se-14');
    });

    it('is refused to an employer that is not a municipality', () => {
      expect(() => Role.compose(ROLE_ID, COMPANY, composition, T1)).toThrow(EmployerCannotComposeRolesError);
    });

    it('gets a new version on a change and keeps the old one intact', () => {
      const { role } = Role.compose(ROLE_ID, SKOVDE, composition, T1);
      const v1 = role.latest;
      const change = role.revise({ ...composition, tasks: [{ ...composition.tasks[0], requiredLevel: 3 }] }, T2);
      expect(change?.kind).toBe('versioned');
      expect(role.latest.version).toBe(2);
      expect(role.latest.tasks[0].requiredLevel).toBe(3);
      expect(role.version(1)).toBe(v1);
      expect(role.version(1).tasks[0].requiredLevel).toBe(2);
      expect(role.version(undefined)).toBe(role.latest);
    });

    it('does not version an unchanged composition', () => {
      const { role } = Role.compose(ROLE_ID, SKOVDE, composition, T1);
      expect(role.revise({ ...composition, name: '  Serviceassistent ' }, T2)).toBeNull();
      expect(role.versions).toHaveLength(1);
    });

    it('answers an unknown version with the latest one named', () => {
      const { role } = Role.compose(ROLE_ID, SKOVDE, composition, T1);
      expect(() => role.version(2)).toThrow(RoleVersionNotFoundError);
      expect(() => role.version(2)).toThrow('roleVersion: role cccccccc-cccc-4ccc-8ccc-cccccccccccc has no version 2 (latest is 1)');
    });
  });

  describe('standard, from an occupation', () => {
    it("takes the occupation's name, its core tasks as must-haves and its other tasks as nice-to-haves", () => {
      const { role } = Role.standard(ROLE_ID, '5321', T1);
      expect(role.kind).toBe('standard');
      expect(role.employerId).toBeNull();
      expect(role.tenant).toBe('se');
      expect(role.latest.occupations).toEqual(['5321']);
      expect(role.latest.name).toBe('Undersköterskor, hemtjänst, hemsjukvård, äldreboende och habilitering');
      expect(role.latest.tasks).toEqual(standardRoleTasks('5321'));
      expect(role.latest.tasks.filter((t) => t.weight === 'must-have').length).toBeGreaterThan(0);
    });

    it('exists for every occupation of the taxonomy and fits the published contract', () => {
      for (const { ssyk } of listOccupations()) {
        const { latest } = Role.standard(ROLE_ID, ssyk, T1).role;
        const payload = {
          roleId: ROLE_ID,
          version: latest.version,
          name: latest.name,
          kind: 'standard',
          occupations: [...latest.occupations],
          tasks: latest.tasks.map((t) => ({ ...t })),
          taxonomyVersion: latest.taxonomyVersion,
        };
        expect(() => validatePayload(RoleDefinedV1, payload)).not.toThrow();
      }
    });

    it('is not edited by hand', () => {
      const { role } = Role.standard(ROLE_ID, '9412', T1);
      expect(() => role.revise(composition, T2)).toThrow(StandardRoleNotEditableError);
    });

    it('is refreshed from the taxonomy only when the taxonomy changed it', () => {
      const { role } = Role.standard(ROLE_ID, '9412', T1);
      expect(role.refreshStandard(T2)).toBeNull();
      expect(role.versions).toHaveLength(1);
    });

    it('needs a known occupation', () => {
      expect(() => Role.standard(ROLE_ID, '0001', T1)).toThrow(UnknownOccupationError);
    });
  });
});
