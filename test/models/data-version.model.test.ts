import assert from 'node:assert/strict';
import { bumpDataVersion, DataVersion, readDataVersion } from '../../models/data-version.model.js';
import { setupTestDB } from '../setup/mongoose-test-db.js';

describe('data-version stamp', () => {
  setupTestDB('data-version-model');

  it('reads 0 before anything was written', async () => {
    assert.equal(await readDataVersion(), 0);
  });

  it('increases by one on each bump and records who bumped it', async () => {
    const at = new Date('2026-03-01T10:00:00Z');
    assert.equal(await bumpDataVersion('poll-sources', at), 1);
    assert.equal(await bumpDataVersion('reextract', at), 2);
    assert.equal(await readDataVersion(), 2);
    const stamp = await DataVersion.findById('data-version').lean();
    assert.equal(stamp?.bumpedBy, 'reextract');
    assert.equal(stamp?.bumpedAt?.toISOString(), at.toISOString());
  });

  it('counts every one of concurrent bumps exactly once', async () => {
    const versions = await Promise.all(Array.from({ length: 8 }, () => bumpDataVersion('test')));
    assert.deepEqual(
      [...versions].sort((a, b) => a - b),
      [1, 2, 3, 4, 5, 6, 7, 8],
    );
  });
});
