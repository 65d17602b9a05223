import { derivedServiceRole, identitySettingsSql, serviceRoleOfUrl } from './row-level-security';
import { asService, asTenants, currentDatabaseIdentity, identityOfPrincipal } from './database-identity';

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

  it("is a person's region, or a calling service's name without any region", () => {
    const person = {
      subject: 'u-1',
      organisation: { id: 'region:12', type: 'region', key: '12' },
      roles: ['admin'],
      tenant: 'se-12',
      municipalities: [],
    };
    expect(identityOfPrincipal(person as never)).toEqual({ tenants: ['se-12'], service: undefined });
    const service = { ...person, roles: [], tenant: 'se', service: 'follow-up-service' };
    expect(identityOfPrincipal(service as never)).toEqual({ tenants: [], service: 'follow-up-service' });
    expect(identitySettingsSql({ tenants: [], service: 'follow-up-service' })).toBe(
      "SELECT set_config('jobbspar.tenants', '', true), set_config('jobbspar.service', 'follow-up-service', true)",
    );
  });
});
