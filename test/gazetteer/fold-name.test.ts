import assert from 'node:assert/strict';
import { foldWord, skeletonOf } from '../../domain/gazetteer/fold-name.js';

describe('foldWord', () => {
  it('gives English transliteration variants one key', () => {
    assert.equal(foldWord('Kupiansk'), foldWord('Kupyansk'));
    assert.equal(foldWord("Kup'iansk"), foldWord('Kupiansk'));
    assert.equal(foldWord('Bilopillia'), foldWord('Bilopillya'));
    assert.equal(foldWord('Shalyhyne'), foldWord('Shalygyne'));
    assert.equal(foldWord('Zaporizhzhia'), foldWord('Zaporizhia'));
  });

  it('gives Ukrainian and Russian spellings of the same letters one key', () => {
    assert.equal(foldWord('Шалигінська'), foldWord('Шалигинська'));
    assert.equal(foldWord('Нікополь'), foldWord('Никополь'));
    assert.equal(foldWord('Куп’янськ'), foldWord('Купянск'));
    assert.equal(foldWord('Есманьська'), foldWord('Эсманьска'));
  });

  it('keeps different names apart', () => {
    assert.notEqual(foldWord('Sumy'), foldWord('Shostka'));
    assert.notEqual(foldWord('Хотінь'), foldWord('Хутір'));
  });
});

describe('skeletonOf', () => {
  it('makes a Russian-derived adjective meet the official name', () => {
    assert.equal(skeletonOf(foldWord('Belopolskaya')), skeletonOf(foldWord('Bilopilska')));
    assert.equal(skeletonOf(foldWord('Bilopillia')), skeletonOf(foldWord('Bilopilska')));
  });

  it('is null for names too short to tell apart', () => {
    assert.equal(skeletonOf(foldWord('Sumy')), null);
  });
});
