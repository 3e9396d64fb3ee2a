import assert from 'node:assert/strict';

describe('toolchain', () => {
  it('runs TypeScript tests through tsx with strict types', () => {
    const values: number[] = [1, 2, 3];
    const first = values[0];
    assert.equal(first, 1);
  });
});
