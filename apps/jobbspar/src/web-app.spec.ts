import { CANDIDATE_ROUTES } from '../../candidate-service/src/app.module';
import { EMPLOYER_ROUTES } from '../../employer-service/src/app.module';
import { MATCHING_ROUTES } from '../../matching-service/src/app.module';
import { FOLLOW_UP_ROUTES } from '../../follow-up-service/src/app.module';
import { WEB_ROUTES } from '../../web/src/routes';
import { isWebPath } from './web-app';

const overlaps = (a: string, b: string) => a === b || a.startsWith(`${b}/`) || b.startsWith(`${a}/`);

describe('the web app beside the services on one port', () => {
  it('owns no path prefix a service or the gateway owns, so neither can shadow the other', () => {
    const api = [...EMPLOYER_ROUTES, ...CANDIDATE_ROUTES, ...MATCHING_ROUTES, ...FOLLOW_UP_ROUTES, '/health', '/openapi.json', '/docs'];
    const clashes = WEB_ROUTES.flatMap((web) => api.filter((owned) => overlaps(web, owned)).map((owned) => `${web} vs ${owned}`));
    expect(clashes).toEqual([]);
  });

  it('answers its pages and assets, and leaves API paths that merely look alike to the services', () => {
    expect(['/', '/employer/needs', '/hr/roles/abc', '/coordinator', '/assets/index-1.js'].filter((p) => !isWebPath(p))).toEqual([]);
    expect(['/employers', '/needs', '/health', '/docs', '/hrx', '/candidates/1'].filter(isWebPath)).toEqual([]);
  });
});
