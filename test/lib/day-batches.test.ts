import assert from 'node:assert/strict';
import { DAYS_PER_QUERY, batchDatesByRegion, chunk } from '../../lib/day-batches.js';

describe('day batches', () => {
  it('cuts a list into chunks of the given size, the last one shorter', () => {
    assert.deepEqual(chunk([1, 2, 3, 4, 5], 2), [[1, 2], [3, 4], [5]]);
    assert.deepEqual(chunk([], 2), []);
  });

  it("groups the days by region and cuts each region's dates into query-sized chunks", () => {
    const dates = Array.from({ length: DAYS_PER_QUERY + 1 }, (_, i) => `d${i}`);
    const days = [
      ...dates.map((date) => ({ region: 'sumy', date })),
      { region: 'kharkiv', date: '2025-01-01' },
    ];
    assert.deepEqual(
      batchDatesByRegion(days).map(({ region, dates: some }) => [region, some.length, some[0]]),
      [
        ['sumy', DAYS_PER_QUERY, 'd0'],
        ['sumy', 1, `d${DAYS_PER_QUERY}`],
        ['kharkiv', 1, '2025-01-01'],
      ],
    );
  });
});
