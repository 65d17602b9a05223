/**
 * Architecture boundaries, checked in `npm test`:
 * - no service imports another service (only the one-process composition root apps/jobbspar knows them all);
 * - domain code imports no infrastructure (no NestJS, TypeORM, Kafka, pg, nor the service's own infrastructure);
 * - matching-core and taxonomy stay framework-free and I/O-free;
 * - libs never import apps.
 */
const SERVICES = ['employer-service', 'candidate-service', 'matching-service', 'follow-up-service'];
module.exports = {
  forbidden: [
    ...SERVICES.map((svc) => ({
      name: `no-cross-service-${svc}`,
      severity: 'error',
      comment: `${svc} talks to other services through events and HTTP only`,
      from: { path: `^apps/${svc}/` },
      to: { path: `^apps/(?!${svc}/)` },
    })),
    {
      name: 'test-fakes-stay-in-tests',
      severity: 'error',
      comment: 'libs/testing holds fakes for specs; production code never uses them',
      from: { pathNot: ['[.-]spec\\.ts$', '/testing/', '^test/', '^apps/[^/]+/test/', '^libs/testing/'] },
      to: { path: '^libs/testing/' },
    },
    {
      name: 'web-app-stays-in-the-browser',
      severity: 'error',
      comment: 'apps/web is browser code: it talks to the services over HTTP only and imports none of their code',
      from: { path: '^apps/web/' },
      to: { path: ['^apps/(?!web/)', '^libs/', '^scripts/'] },
    },
    {
      name: 'only-the-composition-root-knows-the-web-app',
      severity: 'error',
      comment: 'apps/jobbspar serves the web app and reads its route table; nothing else imports it',
      from: { pathNot: ['^apps/web/', '^apps/jobbspar/', '^test/', '^scripts/'] },
      to: { path: '^apps/web/' },
    },
    {
      name: 'libs-do-not-import-apps',
      severity: 'error',
      from: { path: '^libs/' },
      to: { path: '^apps/' },
    },
    {
      name: 'domain-imports-no-infrastructure',
      severity: 'error',
      comment: 'domain/ holds pure business rules',
      from: { path: '^apps/[^/]+/src/.+/domain/' },
      to: {
        path: [
          '/infrastructure/',
          '/interface/',
          '/application/',
          'node_modules/(@nestjs|typeorm|kafkajs|pg|express)/',
          '^libs/messaging/',
        ],
      },
    },
    {
      name: 'pure-libs-stay-pure',
      severity: 'error',
      comment: 'matching-core, taxonomy and disclosure: no framework, no I/O',
      from: { path: '^libs/(matching-core|taxonomy|disclosure)/src/', pathNot: '\\.spec\\.ts$' },
      to: { path: ['node_modules/(@nestjs|typeorm|kafkajs|pg|express|class-validator)/', '^libs/(messaging|platform|contracts)/'] },
    },
    {
      name: 'no-node-io-in-pure-libs',
      severity: 'error',
      from: { path: '^libs/(matching-core|taxonomy|disclosure)/src/', pathNot: '\\.spec\\.ts$' },
      to: { dependencyTypes: ['core'], path: '^(fs|net|http|https|child_process|dgram|node:fs|node:net|node:http|node:child_process)$' },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    tsConfig: { fileName: 'tsconfig.json' },
    tsPreCompilationDeps: true,
    exclude: { path: '(^|/)(node_modules|dist|\\.data)/' },
  },
};
