// Root hooks for the whole mocha run. The shared test database is started lazily by test/setup/test-db.ts
// and stopped here once every test has run, so the run leaves no open handles.
import { stopTestMongo } from './test-db.js';

export const mochaHooks = {
  async afterAll(): Promise<void> {
    await stopTestMongo();
  },
};
