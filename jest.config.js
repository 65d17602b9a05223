// Three tiers: unit specs beside the code (no I/O); medium specs beside the repositories and projectors they test
// (`*.medium-spec.ts`, one real PostgreSQL server per run, a database per suite); integration/e2e suites under
// test/ that share one real Kafka broker and one real PostgreSQL server, started once per run by the global setup.
const swc = [
  '@swc/jest',
  {
    jsc: {
      target: 'es2022',
      parser: { syntax: 'typescript', decorators: true },
      transform: { legacyDecorator: true, decoratorMetadata: true, useDefineForClassFields: false },
    },
    module: { type: 'commonjs' },
  },
];
const moduleNameMapper = {
  '^@jobbspar/(contracts|messaging|taxonomy|matching-core|platform|testing|disclosure|infra)$': '<rootDir>/libs/$1/src/index.ts',
};
const common = {
  transform: { '^.+\\.(t|j)sx?$': swc },
  // NestJS 12 and some of its dependencies ship ES modules only: transpile them for jest's CommonJS runtime.
  transformIgnorePatterns: ['/node_modules/(?!(@nestjs|jose|file-type|strtok3|token-types|uint8array-extras|@tokenizer|es-toolkit)/)'],
  moduleNameMapper,
  testEnvironment: 'node',
  setupFiles: ['reflect-metadata'],
};
module.exports = {
  projects: [
    {
      ...common,
      displayName: 'unit',
      roots: ['<rootDir>/apps', '<rootDir>/libs', '<rootDir>/scripts', '<rootDir>/bench'],
      testMatch: ['**/*.spec.ts'],
    },
    {
      ...common,
      displayName: 'medium',
      roots: ['<rootDir>/apps', '<rootDir>/libs'],
      testMatch: ['**/*.medium-spec.ts'],
      setupFilesAfterEnv: ['<rootDir>/test/setup/medium-timeout.ts'],
      globalSetup: '<rootDir>/test/setup/medium-setup.ts',
      globalTeardown: '<rootDir>/test/setup/global-teardown.ts',
    },
    {
      ...common,
      displayName: 'integration',
      roots: ['<rootDir>/test'],
      testMatch: ['**/*.e2e-spec.ts'],
      globalSetup: '<rootDir>/test/setup/global-setup.ts',
      globalTeardown: '<rootDir>/test/setup/global-teardown.ts',
      setupFilesAfterEnv: ['<rootDir>/test/setup/integration-timeout.ts', '<rootDir>/test/setup/contract-check.ts'],
    },
  ],
};
