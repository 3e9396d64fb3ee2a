// Root hooks for the whole mocha run. The shared test database is started lazily by test/setup/test-db.ts.
export const mochaHooks = {};
