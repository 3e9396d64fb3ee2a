import assert from 'node:assert/strict';
import { findCommunities } from '../../domain/extraction/find-communities.js';
import { getHromada } from '../../domain/gazetteer/hromadas.js';

function namesIn(text: string, region: Parameters<typeof findCommunities>[1]) {
  return findCommunities(text, region).map((m) => getHromada(m.community)?.nameUk);
}

describe('findCommunities', () => {
  it('finds a name whose noun an earlier name carries ("Очаківську громаду та двічі — Куцурубську")', () => {
    assert.deepEqual(
      namesIn('Ворог тричі атакував Очаківську громаду та один раз — Куцурубську.', 'mykolaiv'),
      ['Очаківська', 'Куцурубська'],
    );
  });

  it('finds bare names listed after a plural community noun', () => {
    assert.deepEqual(
      namesIn('Під обстрілом були три громади — Хотінську, Юнаківську та Миропільську.', 'sumy'),
      ['Хотінська', 'Юнаківська', 'Миропільська'],
    );
  });

  it('finds an elided name after a preposition: "двох у Білопільській громаді та одну в Краснопільській"', () => {
    assert.deepEqual(namesIn('Поранено двох у Білопільській громаді та одну в Краснопільській.', 'sumy'), [
      'Білопільська',
      'Краснопільська',
    ]);
  });

  it('does not read a pair of oblast adjectives that share their noun as communities', () => {
    assert.deepEqual(
      namesIn(
        'Обстріляно Хотінську громаду, а також прикордоння у Сумській та Харківській областях.',
        'sumy',
      ),
      ['Хотінська'],
    );
  });

  it('does not read an oblast adjective followed by its noun as a community', () => {
    assert.deepEqual(namesIn('Ворог атакував Хотінську громаду, а також райони Сумської області.', 'sumy'), [
      'Хотінська',
    ]);
  });
});
