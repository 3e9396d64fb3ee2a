import assert from 'node:assert/strict';
import { z } from 'zod';
import { ValidationError } from '../../lib/errors.js';
import { parseBody, parseQuery } from '../../server/validate-request.js';

function issuesOf(action: () => unknown): unknown {
  try {
    action();
  } catch (error) {
    assert.ok(error instanceof ValidationError);
    return (error.details as { issues: unknown }).issues;
  }
  assert.fail('expected a ValidationError');
}

describe('server/validate-request', () => {
  const schema = z.strictObject({ limit: z.string().regex(/^\d+$/, { error: 'must be digits' }).optional() });

  it('passes a valid query through the schema', () => {
    assert.deepEqual(parseQuery(schema, { limit: '5' }), { limit: '5' });
  });

  it('refuses operator-shaped keys before the schema runs', () => {
    assert.deepEqual(
      issuesOf(() => parseQuery(schema, { 'limit[$gt]': '', $where: '1' })),
      [
        {
          parameter: 'limit[$gt]',
          in: 'query',
          reason: 'operator_rejected',
          message: 'Parameter names may not contain "[", "]", "$" or ".".',
        },
        {
          parameter: '$where',
          in: 'query',
          reason: 'operator_rejected',
          message: 'Parameter names may not contain "[", "]", "$" or ".".',
        },
      ],
    );
  });

  it('names a body field that holds an object where a value belongs', () => {
    const body = z.strictObject({ name: z.string() });
    assert.deepEqual(
      issuesOf(() => parseBody(body, { name: { $ne: null } })),
      [
        {
          parameter: 'name',
          in: 'body',
          reason: 'invalid_type',
          message: 'Invalid input: expected string, received object',
        },
      ],
    );
  });

  it('names a missing body field as required', () => {
    const body = z.strictObject({ name: z.string() });
    const issues = issuesOf(() => parseBody(body, undefined)) as Array<{ reason: string }>;
    assert.equal(issues[0]?.reason, 'required');
  });
});
