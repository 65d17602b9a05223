/**
 * Architecture boundaries, checked in `npm test` (`npm run boundaries`) over apps, libs, bench, scripts and test:
 * - no service imports another service (only the one-process composition root apps/jobbspar knows them all);
 * - inside a service, a feature (a folder of src/) never imports another feature's infrastructure/: it uses that
 *   feature's domain (its repository ports) or application; application never imports interface; infrastructure
 *   never imports application or interface; domain imports no framework and no infrastructure;
 * - no import cycles anywhere;
 * - apps never import scripts/, bench/ or test/; libs never import apps; test fakes stay in tests;
 * - matching-core, taxonomy and disclosure stay framework-free and I/O-free.
 */
const SERVICES = ['employer-service', 'candidate-service', 'matching-service', 'follow-up-service'];
/** Specs may reach across features to seed what they need; the rules are about the code that ships. */
const SPEC = '[.-]spec\\.ts$';
/** A service's composition roots (src/*.ts, database/) wire every feature together. */
const FEATURE = '^apps/([^/]+)/src/(?!database/)([^/]+)/';

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
      name: 'no-other-feature-infrastructure',
      severity: 'error',
      comment: "a feature uses another feature's domain (its repository ports) or application, never its infrastructure",
      from: { path: FEATURE, pathNot: SPEC },
      to: { path: '^apps/$1/src/(?!$2/)[^/]+/infrastructure/' },
    },
    {
      name: 'application-not-interface',
      severity: 'error',
      comment: 'use cases know nothing of HTTP or messaging: controllers and consumers call them, not the other way round',
      from: { path: '^apps/[^/]+/src/.+/application/' },
      to: { path: '^apps/[^/]+/src/.+/interface/' },
    },
    {
      name: 'infrastructure-not-application-or-interface',
      severity: 'error',
      comment: 'infrastructure implements domain ports; it is called by application code, it does not call it',
      from: { path: '^apps/[^/]+/src/.+/infrastructure/', pathNot: SPEC },
      to: { path: '^apps/[^/]+/src/.+/(application|interface)/' },
    },
    {
      name: 'no-cycles',
      severity: 'error',
      comment: 'a cycle makes two modules one without saying so',
      from: {},
      to: { circular: true },
    },
    {
      name: 'apps-do-not-import-scripts-bench-or-tests',
      severity: 'error',
      comment: 'what ships needs nothing from scripts/, bench/ or test/: shared code lives in libs/ (e.g. libs/infra)',
      from: { path: '^apps/', pathNot: [SPEC, '^apps/[^/]+/test/'] },
      to: { path: '^(scripts|bench|test)/' },
    },
    {
      name: 'test-fakes-stay-in-tests',
      severity: 'error',
      comment: 'libs/testing and apps/*/test hold fakes for specs; production code never uses them',
      from: { pathNot: [SPEC, '^test/', '^apps/[^/]+/test/', '^libs/testing/'] },
      to: { path: ['^libs/testing/', '^apps/[^/]+/test/'] },
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
      to: { path: '^(apps|scripts|bench|test)/' },
    },
    {
      name: 'domain-imports-no-infrastructure',
      severity: 'error',
      comment: 'domain/ holds pure business rules (and the repository ports, which name only types)',
      from: { path: '^apps/[^/]+/src/.+/domain/' },
      to: {
        path: ['/infrastructure/', '/interface/', '/application/', 'node_modules/(@nestjs|kafkajs|pg|express)/', '^libs/messaging/'],
      },
    },
    {
      name: 'domain-uses-typeorm-types-only',
      severity: 'error',
      comment: "a repository port names the caller's EntityManager as a type; domain code runs nothing of TypeORM",
      from: { path: '^apps/[^/]+/src/.+/domain/' },
      to: { path: 'node_modules/typeorm/', dependencyTypesNot: ['type-only'] },
    },
    {
      name: 'pure-libs-stay-pure',
      severity: 'error',
      comment: 'matching-core, taxonomy and disclosure: no framework, no I/O',
      from: { path: '^libs/(matching-core|taxonomy|disclosure)/src/', pathNot: '\\.spec\\.ts$' },
      to: {
        path: ['node_modules/(@nestjs|typeorm|kafkajs|pg|express|class-validator)/', '^libs/(messaging|platform|contracts|infra)/'],
      },
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
    // node_modules is not followed, but kept: the rules on framework imports look at those dependencies.
    exclude: { path: '(^|/)(dist|\\.data)/' },
  },
};
