import { describeViolations, finalViolations, takeViolations } from '../support/contract-check';

// Switched on for every e2e suite: what the services answered or published during a test must be what their
// OpenAPI and AsyncAPI documents say (test/support/contract-check.ts).
afterEach(() => {
  const found = takeViolations();
  if (found.length > 0) throw new Error(describeViolations(found));
});

afterAll(async () => {
  const found = await finalViolations();
  if (found.length > 0) throw new Error(describeViolations(found));
});
