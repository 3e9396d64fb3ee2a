/**
 * `setupTestDB()` for test files that use the application's models: connects mongoose once to a database
 * of its own on the shared test server (embedded engine, or MONGODB_TEST_URI), creates the declared
 * indexes, empties every collection before each test and disconnects at the end of the file.
 */
import mongoose from 'mongoose';
import { allModels, ensureIndexes } from '../../models/index.js';
import { getTestMongoUri } from './test-db.js';

export function setupTestDB(dbName: string): void {
  before(async () => {
    await mongoose.connect(await getTestMongoUri(dbName), { serverSelectionTimeoutMS: 5_000 });
    await mongoose.connection.dropDatabase();
    await ensureIndexes();
  });

  beforeEach(async () => {
    // deleteMany rather than drop: dropping would also drop the indexes the tests rely on.
    await Promise.all(allModels.map((model) => model.collection.deleteMany({})));
  });

  after(async () => {
    await mongoose.disconnect();
  });
}
