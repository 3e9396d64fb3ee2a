import assert from 'node:assert/strict';
import { createServer } from 'node:net';
import { MongoClient } from 'mongodb';
import {
  AppError,
  ConflictError,
  InternalError,
  MalformedJsonError,
  NotFoundError,
  PayloadTooLargeError,
  ServiceUnavailableError,
  ValidationError,
  toAppError,
  toErrorBody,
} from '../../lib/errors.js';

describe('lib/errors', () => {
  describe('status mapping', () => {
    const cases: Array<[AppError, number, string]> = [
      [new ValidationError('bad date'), 400, 'VALIDATION_FAILED'],
      [new MalformedJsonError(), 400, 'MALFORMED_JSON'],
      [new NotFoundError(), 404, 'NOT_FOUND'],
      [new ConflictError('taken'), 409, 'CONFLICT'],
      [new PayloadTooLargeError(), 413, 'PAYLOAD_TOO_LARGE'],
      [new InternalError(), 500, 'INTERNAL'],
      [new ServiceUnavailableError(), 503, 'SERVICE_UNAVAILABLE'],
    ];
    for (const [error, status, code] of cases) {
      it(`${error.name} maps to ${status} ${code}`, () => {
        assert.equal(error.status, status);
        assert.equal(error.code, code);
        assert.ok(error instanceof AppError);
        assert.ok(error instanceof Error);
      });
    }
  });

  describe('toAppError', () => {
    it('keeps an AppError as it is', () => {
      const error = new ValidationError('bad');
      assert.equal(toAppError(error), error);
    });

    it('maps a body-parser size error to 413 with the limit in details', () => {
      const error = Object.assign(new Error('request entity too large'), {
        type: 'entity.too.large',
        limit: 100,
      });
      const mapped = toAppError(error);
      assert.equal(mapped.status, 413);
      assert.deepEqual(mapped.details, { limit: 100 });
    });

    it('maps a body-parser parse error to 400 MALFORMED_JSON', () => {
      const error = Object.assign(new SyntaxError('Unexpected token'), { type: 'entity.parse.failed' });
      assert.equal(toAppError(error).code, 'MALFORMED_JSON');
    });

    it('maps a duplicate-key error to 409 CONFLICT', () => {
      const error = Object.assign(new Error('E11000 duplicate key'), { code: 11000, keyValue: { key: 'a' } });
      const mapped = toAppError(error);
      assert.equal(mapped.status, 409);
      assert.deepEqual(mapped.details, { key: { key: 'a' } });
    });

    it('maps a real driver error for an unreachable database to 503 SERVICE_UNAVAILABLE', async () => {
      // A port nothing listens on: the driver gives up on server selection quickly and throws its own error.
      const client = new MongoClient(`mongodb://127.0.0.1:${await findClosedPort()}/x`, {
        serverSelectionTimeoutMS: 200,
      });
      const error: unknown = await client
        .db()
        .collection('c')
        .findOne({})
        .then(
          () => assert.fail('the query should not succeed'),
          (caught: unknown) => caught,
        );
      await client.close();
      const mapped = toAppError(error);
      assert.equal(mapped.status, 503);
      assert.equal(mapped.code, 'SERVICE_UNAVAILABLE');
      assert.equal(mapped.cause, error);
    });

    it('maps anything else to 500 INTERNAL and keeps it as the cause', () => {
      const original = new TypeError('x is undefined');
      const mapped = toAppError(original);
      assert.equal(mapped.status, 500);
      assert.equal(mapped.cause, original);
    });
  });

  describe('toErrorBody', () => {
    it('shows the message and details of a client error', () => {
      const body = toErrorBody(
        new ValidationError('date must be yyyy-MM-dd', { details: { field: 'date' } }),
      );
      assert.deepEqual(body, {
        error: { code: 'VALIDATION_FAILED', message: 'date must be yyyy-MM-dd', details: { field: 'date' } },
      });
    });

    it('omits details when there are none', () => {
      assert.deepEqual(toErrorBody(new NotFoundError('no such tally')), {
        error: { code: 'NOT_FOUND', message: 'no such tally' },
      });
    });

    it('hides the message and details of a server error', () => {
      const body = toErrorBody(
        new InternalError('connection string mongodb://u:p@h leaked', { details: { x: 1 } }),
      );
      assert.deepEqual(body, { error: { code: 'INTERNAL', message: 'Internal server error.' } });
    });
  });
});

/** A loopback port that was free a moment ago and has nothing listening on it now. */
async function findClosedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  if (address === null || typeof address === 'string') throw new Error('no port');
  return address.port;
}
