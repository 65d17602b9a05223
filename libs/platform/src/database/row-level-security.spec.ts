import { derivedServiceRole, identitySettingsSql, serviceRoleOfUrl } from './row-level-security';
import { actAs, asService, asTenants, currentDatabaseIdentity, identityOfPrincipal } from './database-identity';

describe(derivedServiceRole.name, () => {
  it("is the server's role: the same login for every database of the server, another for other owner credentials", () => {
    const one = derivedServiceRole('postgres://postgres:postgres@127.0.0.1:5433/suite_one', 'candidate');
    const two = derivedServiceRole('postgres://postgres:postgres@127.0.0.1:5433/suite_two', 'candidate');
    expect(one.name).toBe('jobbspar_candidate');
    expect(new URL(one.url).password).toBe(new URL(two.url).password);
    expect(new URL(two.url).pathname).toBe('/suite_two');
    expect(new URL(one.url).username).toBe('jobbspar_candidate');
    const otherOwner = derivedServiceRole('postgres://postgres:secret@127.0.0.1:5433/suite_one', 'candidate');
    expect(new URL(otherOwner.url).password).not.toBe(new URL(one.url).password);
    expect(new URL(one.url).password).toMatch(/^[0-9a-f]{64}$/);
  });

  it('takes the role of an operator-given URL, refusing a name that would need quoting', () => {
    expect(serviceRoleOfUrl('postgres://svc_candidate:pw@db:5432/jobbspar').name).toBe('svc_candidate');
    expect(() => serviceRoleOfUrl('postgres://Bad%22Name:pw@db:5432/jobbspar')).toThrow(/not a plain role name/);
  });
});

describe('database identity', () => {
  it('is the innermost one set, and none outside', async () => {
    expect(currentDatabaseIdentity()).toBeUndefined();
    await asTenants(['se-12'], async () => {
      expect(currentDatabaseIdentity()).toEqual({ tenants: ['se-12'], service: undefined });
      await new Promise((resolve) => setTimeout(resolve, 1));
      await asService('candidate-service', async () => expect(currentDatabaseIdentity()?.service).toBe('candidate-service'));
      expect(currentDatabaseIdentity()?.tenants).toEqual(['se-12']);
    });
    expect(currentDatabaseIdentity()).toBeUndefined();
  });

  it("is a person's region, roles, organisation, area and actor, or a calling service's name without any of them", () => {
    const person = {
      subject: 'u-1',
      organisation: { id: 'region:12', type: 'region', key: '12' },
      roles: ['admin'],
      tenant: 'se-12',
      municipalities: [],
    };
    expect(identityOfPrincipal(person as never)).toEqual({
      tenants: ['se-12'],
      service: undefined,
      roles: ['admin'],
      organisation: 'region:12',
      municipalities: [],
      actor: 'admin:u-1',
    });
    const coordinator = {
      ...person,
      roles: ['coordinator'],
      organisation: { id: 'cooperation:familjen-helsingborg' },
      municipalities: ['1283', '1282'],
    };
    expect(identitySettingsSql(identityOfPrincipal(coordinator as never))).toBe(
      "SELECT set_config('jobbspar.tenants', 'se-12', true), set_config('jobbspar.service', '', true), " +
        "set_config('jobbspar.roles', 'coordinator', true), set_config('jobbspar.organisation', 'cooperation:familjen-helsingborg', true), " +
        "set_config('jobbspar.municipalities', '1283,1282', true), set_config('jobbspar.actor', 'coordinator:u-1', true)",
    );
    const service = { ...person, roles: [], tenant: 'se', service: 'follow-up-service' };
    expect(identityOfPrincipal(service as never)).toEqual({ tenants: [], service: 'follow-up-service' });
    // A service's own identity clears a person's settings (asServiceWithin switches a transaction with it).
    expect(identitySettingsSql({ tenants: [], service: 'follow-up-service' })).toBe(
      "SELECT set_config('jobbspar.tenants', '', true), set_config('jobbspar.service', 'follow-up-service', true), " +
        "set_config('jobbspar.roles', '', true), set_config('jobbspar.organisation', '', true), set_config('jobbspar.municipalities', '', true), " +
        "set_config('jobbspar.actor', '', true)",
    );
  });

  it('admits into the settings only the shapes it knows, nothing that would need quoting', () => {
    const person = { tenants: ['se-12'] };
    expect(() => asTenants(["se-12'); DROP"] as string[], () => undefined)).toThrow(/not a tenant/);
    expect(() => actAs({ ...person, roles: ["admin'"] }, () => undefined)).toThrow(/not a role/);
    expect(() => actAs({ ...person, roles: ['employer'], organisation: "employer:1' OR '1" }, () => undefined)).toThrow(
      /not an organisation/,
    );
    expect(() => actAs({ ...person, roles: ['coordinator'], municipalities: ['12,83'] }, () => undefined)).toThrow(/not a municipality/);
    expect(() => actAs({ ...person, roles: ['coordinator'], actor: "coordinator:u-1', true), set_config('x" }, () => undefined)).toThrow(
      /not an actor/,
    );
  });
});
