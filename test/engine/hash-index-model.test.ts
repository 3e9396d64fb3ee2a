import assert from 'node:assert/strict';
import type { Document } from 'bson';
import fc from 'fast-check';
import { matchDocuments } from '../../embedded-mongo/query/match-documents.js';
import { Collection } from '../../embedded-mongo/storage/collection.js';

type Operation =
  | { kind: 'insert'; id: number; email: string | null; tags: string[] }
  | { kind: 'replace'; id: number; email: string | null; tags: string[] }
  | { kind: 'remove'; id: number };

const email = fc.constantFrom('a', 'b', 'c', null);
const tags = fc.array(fc.constantFrom('x', 'y', 'z'), { maxLength: 2 });
const id = fc.integer({ min: 0, max: 5 });
const operation: fc.Arbitrary<Operation> = fc.oneof(
  fc.record({ kind: fc.constant('insert' as const), id, email, tags }),
  fc.record({ kind: fc.constant('replace' as const), id, email, tags }),
  fc.record({ kind: fc.constant('remove' as const), id }),
);

/** The obvious model: a list of documents, uniqueness checked by looking at every one. */
function applyToModel(model: Map<number, Document>, op: Operation): boolean {
  if (op.kind === 'remove') return model.delete(op.id);
  const exists = model.has(op.id);
  if (op.kind === 'insert' ? exists : !exists) return false;
  const clash = [...model.values()].some((doc) => doc._id !== op.id && doc.email === op.email);
  if (clash) return false;
  model.set(op.id, { _id: op.id, email: op.email, tags: op.tags });
  return true;
}

function applyToCollection(collection: Collection, op: Operation): boolean {
  try {
    if (op.kind === 'remove') return collection.remove(op.id);
    const doc = { _id: op.id, email: op.email, tags: op.tags };
    if (op.kind === 'insert') collection.insert(doc);
    else if (collection.getById(op.id)) collection.replace(doc);
    else return false;
    return true;
  } catch (error) {
    assert.match(String(error), /E11000/);
    return false;
  }
}

describe('engine: hash indexes under random writes', () => {
  it('never confuses values whose text looks like the separators of a compound or nested key', () => {
    const collection = new Collection('test', 'tricky');
    collection.createIndex({ name: 'a_1_b_1', key: { a: 1, b: 1 }, unique: true });
    collection.insert({ _id: 1, a: 'x\u0000s:y', b: 'z' });
    collection.insert({ _id: 2, a: 'x', b: 'y\u0000s:z' });
    const ids = new Collection('test', 'tricky-ids');
    ids.insert({ _id: { k: 'v,"j":s:w' } });
    ids.insert({ _id: { k: 'v', j: 'w' } });
    assert.equal(collection.size, 2);
    assert.equal(ids.size, 2);
  });

  it('accept and refuse the same writes as a scanning model, and keep lookups exact', () => {
    fc.assert(
      fc.property(fc.array(operation, { maxLength: 40 }), (operations) => {
        const collection = new Collection('test', 'users');
        collection.createIndex({ name: 'email_1', key: { email: 1 }, unique: true });
        collection.createIndex({ name: 'tags_1', key: { tags: 1 } });
        const model = new Map<number, Document>();
        for (const op of operations) {
          assert.equal(applyToCollection(collection, op), applyToModel(model, op), JSON.stringify(op));
        }
        for (const value of ['a', 'b', 'c', null]) {
          const expected = [...model.values()]
            .filter((doc) => doc.email === value)
            .map((doc) => doc._id as number);
          const actual = matchDocuments(collection, { email: value }).map((doc) => doc._id as number);
          assert.deepEqual(actual.sort(), expected.sort());
        }
        for (const tag of ['x', 'y', 'z']) {
          const expected = [...model.values()]
            .filter((doc) => (doc.tags as string[]).includes(tag))
            .map((doc) => doc._id as number);
          const actual = matchDocuments(collection, { tags: tag }).map((doc) => doc._id as number);
          assert.deepEqual(actual.sort(), expected.sort());
        }
      }),
      { numRuns: 500 },
    );
  });
});
