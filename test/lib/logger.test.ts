import assert from 'node:assert/strict';
import { Writable } from 'node:stream';
import { createLogger } from '../../lib/logger.js';

function captureLines(): { stream: Writable; lines: () => Array<Record<string, unknown>> } {
  const chunks: string[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, callback) {
      chunks.push(chunk.toString('utf8'));
      callback();
    },
  });
  const lines = () =>
    chunks
      .join('')
      .split('\n')
      .filter((line) => line.trim() !== '')
      .map((line) => JSON.parse(line) as Record<string, unknown>);
  return { stream, lines };
}

describe('lib/logger', () => {
  it('writes one JSON object per line with the event field and the name', () => {
    const { stream, lines } = captureLines();
    const logger = createLogger({ destination: stream, name: 'test-service', level: 'info' });
    logger.info({ event: 'db.connected', host: 'localhost:27017' }, 'connected');
    const [line] = lines();
    assert.equal(line?.event, 'db.connected');
    assert.equal(line?.name, 'test-service');
    assert.equal(line?.msg, 'connected');
    assert.equal(line?.level, 30);
  });

  it('drops lines below the configured level', () => {
    const { stream, lines } = captureLines();
    const logger = createLogger({ destination: stream, level: 'warn' });
    logger.info({ event: 'ignored' }, 'quiet');
    logger.warn({ event: 'kept' }, 'loud');
    assert.deepEqual(
      lines().map((line) => line.event),
      ['kept'],
    );
  });

  it('redacts API keys and authorization headers', () => {
    const { stream, lines } = captureLines();
    const logger = createLogger({ destination: stream, level: 'info' });
    logger.info({ req: { headers: { authorization: 'Bearer s3cret', 'x-api-key': 'k3y' } } }, 'request');
    const text = JSON.stringify(lines());
    assert.doesNotMatch(text, /s3cret|k3y/);
    assert.match(text, /\[redacted\]/);
  });
});
