import assert from 'node:assert/strict';
import { getRegion, listRegions, resolveRegionName } from '../../domain/gazetteer/regions.js';

describe('regions', () => {
  it('lists 27 regions with unique keys and KATOTTG codes', () => {
    const regions = listRegions();
    assert.equal(regions.length, 27);
    assert.equal(new Set(regions.map((region) => region.key)).size, 27);
    for (const region of regions) assert.match(region.katottg, /^UA\d{17}$/);
  });

  it('looks a region up by key', () => {
    assert.equal(getRegion('sumy')?.nameUk, 'Сумська область');
    assert.equal(getRegion('narnia'), undefined);
  });

  it('resolves label-style English names to keys', () => {
    assert.equal(resolveRegionName('Sumy'), 'sumy');
    assert.equal(resolveRegionName('Zaporizhzhia Oblast'), 'zaporizhzhia');
    assert.equal(resolveRegionName('Kyiv city'), 'kyiv_city');
    assert.equal(resolveRegionName('kyiv'), 'kyiv');
    assert.equal(resolveRegionName('Atlantis'), null);
  });
});
