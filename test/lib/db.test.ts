import assert from 'node:assert/strict';
import { createServer } from 'node:net';
import { Writable } from 'node:stream';
import { setTimeout as sleep } from 'node:timers/promises';
import mongoose from 'mongoose';
import { startEmbeddedMongo } from '../../embedded-mongo/index.js';
import { connectWithRetry, describeMongoUri, redactCredentials } from '../../lib/db.js';
import { createLogger } from '../../lib/logger.js';

function captureLogger() {
  const text: string[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, callback) {
      text.push(chunk.toString('utf8'));
      callback();
    },
  });
  return { logger: createLogger({ destination: stream, level: 'info' }), text: () => text.join('') };
}

/** A port nothing listens on (it was free a moment ago). */
async function findFreePort(): Promise<number> {
  const server = createServer();
  server.listen(0, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
  const address = server.address();
  await new Promise((resolve) => server.close(resolve));
  assert.ok(address && typeof address === 'object');
  return address.port;
}

describe('lib/db', () => {
  describe('describeMongoUri', () => {
    it('keeps host, port and database, dropping the credentials', () => {
      assert.equal(
        describeMongoUri('mongodb://admin:s3cret@db.example:27017/strikes'),
        'db.example:27017/strikes',
      );
    });

    it('keeps every host of a replica-set URI and drops the options', () => {
      assert.equal(
        describeMongoUri('mongodb://u:p@a:27017,b:27018/strikes?replicaSet=rs0&authSource=admin'),
        'a:27017,b:27018/strikes',
      );
    });

    it('handles SRV URIs and URIs without a database', () => {
      assert.equal(
        describeMongoUri('mongodb+srv://u:p@cluster0.example.net/?retryWrites=true'),
        'cluster0.example.net',
      );
      assert.equal(describeMongoUri('mongodb://127.0.0.1:27017/'), '127.0.0.1:27017');
    });
  });

  describe('redactCredentials', () => {
    it('removes user and password from URIs inside a message', () => {
      const text = 'failed to connect to mongodb://admin:s3cret@db:27017/x (timeout)';
      assert.equal(redactCredentials(text), 'failed to connect to mongodb://[redacted]@db:27017/x (timeout)');
    });
  });

  describe('connectWithRetry', () => {
    afterEach(async () => {
      await mongoose.disconnect();
    });

    it('gives up after the configured attempts, naming the host but never the password', async () => {
      const port = await findFreePort();
      const { logger, text } = captureLogger();
      const uri = `mongodb://admin:hunter2@127.0.0.1:${port}/strikes`;
      await assert.rejects(
        connectWithRetry(uri, { attempts: 2, backoffMs: 10, logger, serverSelectionTimeoutMS: 300 }),
        (error: Error) => {
          assert.match(error.message, new RegExp(`127\\.0\\.0\\.1:${port}/strikes after 2 attempts`));
          assert.doesNotMatch(error.message, /hunter2/);
          return true;
        },
      );
      const logs = text();
      assert.match(logs, /"event":"db.connect_retry"/);
      assert.match(logs, /"event":"db.connect_failed"/);
      assert.doesNotMatch(logs, /hunter2/);
    });

    it('connects once the server comes up, after backing off', async () => {
      const port = await findFreePort();
      const { logger, text } = captureLogger();
      // The server starts a little after the first attempt has failed.
      const late = sleep(400).then(() => startEmbeddedMongo({ port }));
      try {
        const connection = await connectWithRetry(`mongodb://127.0.0.1:${port}/retry-test`, {
          attempts: 6,
          backoffMs: 100,
          logger,
          serverSelectionTimeoutMS: 200,
        });
        assert.equal(connection.readyState, mongoose.ConnectionStates.connected);
        assert.equal(connection.name, 'retry-test');
        assert.match(text(), /"event":"db.connect_retry"/);
        assert.match(text(), /"event":"db.connected"/);
      } finally {
        await mongoose.disconnect();
        await (await late).stop();
      }
    });

    it('uses the default database name when the URI names none', async () => {
      const engine = await startEmbeddedMongo();
      try {
        const connection = await connectWithRetry(engine.uri, {
          attempts: 1,
          backoffMs: 10,
          logger: createLogger({ level: 'silent' }),
        });
        assert.equal(connection.name, 'strike-report-tracker');
      } finally {
        await mongoose.disconnect();
        await engine.stop();
      }
    });
  });
});
