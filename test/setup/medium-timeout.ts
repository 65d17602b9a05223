// `testTimeout` in a project's config is ignored by jest (it is a global option): a suite's database, created with
// every migration of its service, took longer than the 5 s default on a loaded machine and failed its beforeAll.
jest.setTimeout(60_000);
