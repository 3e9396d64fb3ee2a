/**
 * The database every test in the repository uses. With `MONGODB_TEST_URI` set, tests run against that
 * real MongoDB; otherwise one in-memory embedded engine is started on first use and shared by the whole
 * run (each test file picks its own database name, so files do not see each other's data). The root hook
 * in root-hooks.ts stops it at the end, so the run leaves no open handles.
 */
import { startEmbeddedMongo, type EmbeddedMongo } from '../../embedded-mongo/index.js';

let engine: Promise<EmbeddedMongo> | null = null;

/** Replaces the database name of a MongoDB connection string, keeping hosts (several, too) and options. */
export function withDatabase(uri: string, dbName: string): string {
  const match = /^(mongodb(?:\+srv)?:\/\/[^/?]*)(\/[^?]*)?(\?.*)?$/.exec(uri);
  if (!match) throw new Error(`not a MongoDB connection string: ${uri}`);
  return `${match[1]}/${dbName}${match[3] ?? ''}`;
}

/** A connection string for `dbName` on the shared test database. */
export async function getTestMongoUri(dbName: string): Promise<string> {
  const external = process.env.MONGODB_TEST_URI;
  if (external) return withDatabase(external, dbName);
  engine ??= startEmbeddedMongo();
  return withDatabase((await engine).uri, dbName);
}

/** True when the tests run against a real mongod rather than the embedded engine. */
export function isRealMongo(): boolean {
  return Boolean(process.env.MONGODB_TEST_URI);
}

/** Stops the shared embedded engine if this run started one. */
export async function stopTestMongo(): Promise<void> {
  const running = engine;
  engine = null;
  if (running) await (await running).stop();
}
