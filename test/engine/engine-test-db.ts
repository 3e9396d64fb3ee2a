/**
 * Per-file test database for the engine conformance suite: one driver client (and, on request, one mongoose
 * connection) on a database of its own, emptied before every test. It runs against the shared embedded
 * engine, or against a real mongod when MONGODB_TEST_URI is set.
 */
import { MongoClient, type Db } from 'mongodb';
import mongoose from 'mongoose';
import { getTestMongoUri } from '../setup/test-db.js';

export interface EngineTestDb {
  uri: string;
  client: MongoClient;
  db: Db;
  connection: mongoose.Connection;
}

export function useEngineTestDb(name: string, { withMongoose = false } = {}): () => EngineTestDb {
  let current: EngineTestDb | undefined;
  before(async () => {
    const uri = await getTestMongoUri(`engine_${name}`);
    const client = await MongoClient.connect(uri);
    const connection = withMongoose
      ? await mongoose.createConnection(uri).asPromise()
      : (undefined as unknown as mongoose.Connection);
    current = { uri, client, db: client.db(), connection };
  });
  beforeEach(async () => {
    await current!.db.dropDatabase();
  });
  after(async () => {
    if (!current) return;
    await current.db.dropDatabase();
    if (withMongoose) await current.connection.close();
    await current.client.close();
  });
  return () => {
    if (!current) throw new Error('the engine test database is not ready yet');
    return current;
  };
}
