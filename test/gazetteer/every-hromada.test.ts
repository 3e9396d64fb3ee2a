import assert from 'node:assert/strict';
import { findCommunityMentions } from '../../domain/gazetteer/find-community-mentions.js';
import { getHromada, listHromadas } from '../../domain/gazetteer/hromadas.js';
import { matchCommunity } from '../../domain/gazetteer/match-community.js';

// Hromadas that share a name with another in the same oblast (sumy/Миколаївська ×2, ...) can only be told
// apart by code, so these checks compare names, not codes.
describe('every hromada of the gazetteer', () => {
  const hromadas = listHromadas();

  it('has 484 entries with unique KATOTTG codes', () => {
    assert.equal(hromadas.length, 484);
    assert.equal(new Set(hromadas.map((hromada) => hromada.katottg)).size, 484);
  });

  it('is found in running text by its adjective in three cases and by its English name with a noun', () => {
    const misses: string[] = [];
    for (const hromada of hromadas) {
      const stem = hromada.nameUk.slice(0, -1);
      const texts = [
        `Ворог обстріляв ${stem}у громаду.`,
        `У ${stem}ій громаді пролунали вибухи.`,
        `Обстрілів зазнали населені пункти ${stem}ої та інших громад.`,
        `Russian forces shelled the ${hromada.nameEn} community.`,
        `Explosions in ${hromada.nameEn} hromada.`,
      ];
      for (const text of texts) {
        const found = findCommunityMentions(text, hromada.oblast).map(
          (mention) => getHromada(mention.community)?.nameUk,
        );
        if (!found.includes(hromada.nameUk)) misses.push(`${hromada.oblast}/${hromada.nameUk}: ${text}`);
      }
    }
    assert.deepEqual(misses, []);
  });

  it('is resolved by matchCommunity from its codifier name, centre, English name and every alias', () => {
    const misses: string[] = [];
    for (const hromada of hromadas) {
      for (const name of [
        hromada.nameUk,
        hromada.centreUk,
        hromada.nameEn,
        `${hromada.nameEn} hromada`,
        ...hromada.aliasesEn,
      ]) {
        const found = matchCommunity(name, hromada.oblast);
        if (found?.nameUk !== hromada.nameUk)
          misses.push(`${hromada.oblast}/${hromada.nameUk}: "${name}" -> ${found?.nameUk ?? 'null'}`);
      }
    }
    assert.deepEqual(misses, []);
  });
});
