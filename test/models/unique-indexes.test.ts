/**
 * Every model's unique index, checked against the database: a duplicate is rejected with E11000, and
 * upserting the same key twice leaves one document (the second upsert matches instead of inserting).
 */
import assert from 'node:assert/strict';
import type { Model } from 'mongoose';
import { Alert } from '../../models/alert.model.js';
import { JobLock } from '../../models/job-lock.model.js';
import { Report } from '../../models/report.model.js';
import { Source } from '../../models/source.model.js';
import { Tally } from '../../models/tally.model.js';
import { setupTestDB } from '../setup/mongoose-test-db.js';

interface UniqueCase {
  model: Model<Record<string, unknown>>;
  keyFields: string[];
  /** A valid document; `variant` changes only non-key fields. */
  make: (variant: number) => Record<string, unknown>;
  key: Record<string, unknown>;
}

const cases: UniqueCase[] = [
  {
    model: Source as unknown as Model<Record<string, unknown>>,
    keyFields: ['key'],
    key: { key: 'sumy-oda' },
    make: (variant) => ({
      key: 'sumy-oda',
      name: `Sumy ${variant}`,
      region: 'sumy',
      url: 'http://bridge/telegram/channel/Sumy_news_ODA',
      kind: 'rss',
      language: 'uk',
    }),
  },
  {
    model: Report as unknown as Model<Record<string, unknown>>,
    keyFields: ['source', 'guid'],
    key: { source: 'sumy-oda', guid: 'https://t.me/Sumy_news_ODA/1001' },
    make: (variant) => ({
      source: 'sumy-oda',
      guid: 'https://t.me/Sumy_news_ODA/1001',
      text: `Протягом доби ${variant} обстрілів`,
      publishedAt: new Date('2025-04-20T06:00:00Z'),
      fetchedAt: new Date('2025-04-20T06:05:00Z'),
      contentHash: `hash-${variant}`,
    }),
  },
  {
    model: Tally as unknown as Model<Record<string, unknown>>,
    keyFields: ['region', 'date', 'window'],
    key: { region: 'sumy', date: '2025-04-19', window: 'past_24h' },
    make: (variant) => ({
      region: 'sumy',
      date: '2025-04-19',
      window: 'past_24h',
      metrics: { attacks: { value: 40 + variant, qualifier: 'exact', term: 'обстрілів' } },
    }),
  },
  {
    model: Alert as unknown as Model<Record<string, unknown>>,
    keyFields: ['kind', 'region', 'community', 'source', 'metric', 'date'],
    key: {
      kind: 'spike',
      region: 'sumy',
      community: null,
      source: null,
      metric: 'attacks',
      date: '2025-04-19',
    },
    make: (variant) => ({
      kind: 'spike',
      region: 'sumy',
      date: '2025-04-19',
      metric: 'attacks',
      value: 120 + variant,
      baseline: 40,
      threshold: 90,
      method: 'robust-z(28d) > 3.5',
      explanation: 'Attacks in Sumy oblast were three times the 28-day median.',
    }),
  },
  {
    model: JobLock as unknown as Model<Record<string, unknown>>,
    keyFields: ['job'],
    key: { job: 'sync-sources' },
    make: (variant) => ({
      job: 'sync-sources',
      owner: `host:${variant}`,
      acquiredAt: new Date(),
      expiresAt: new Date(Date.now() + 60_000),
    }),
  },
];

describe('models: unique indexes', () => {
  setupTestDB('models-unique-indexes');

  for (const { model, keyFields, make, key } of cases) {
    describe(`${model.modelName} unique on (${keyFields.join(', ')})`, () => {
      it('declares the unique index in the database', async () => {
        const indexes = await model.collection.indexes();
        const unique = indexes.find((index) => index.unique === true);
        assert.ok(unique, `no unique index on ${model.collection.collectionName}`);
        assert.deepEqual(Object.keys(unique.key), keyFields);
      });

      it('rejects a second document with the same key (E11000)', async () => {
        await model.create(make(1));
        await assert.rejects(model.create(make(2)), (error: { code?: number }) => {
          assert.equal(error.code, 11000);
          return true;
        });
        assert.equal(await model.countDocuments(key), 1);
      });

      it('upserting the same key twice leaves one document; the second upsert matches', async () => {
        const firstResult = await model.updateOne(key, { $set: make(1) }, { upsert: true });
        const secondResult = await model.updateOne(key, { $set: make(2) }, { upsert: true });
        assert.equal(firstResult.upsertedCount, 1);
        assert.equal(secondResult.upsertedCount, 0);
        assert.equal(secondResult.matchedCount, 1);
        assert.equal(await model.countDocuments(key), 1);
      });

      it('accepts a document that differs in the key', async () => {
        await model.create(make(1));
        const other = { ...make(2), [keyFields.at(-1) ?? '']: otherValue(keyFields.at(-1) ?? '') };
        await model.create(other);
        assert.equal(await model.countDocuments({}), 2);
      });
    });
  }
});

function otherValue(field: string): unknown {
  if (field === 'date') return '2025-04-20';
  if (field === 'window') return 'day';
  if (field === 'key') return 'kharkiv-oda';
  return `other-${field}`;
}
