import assert from 'node:assert/strict';
import { once } from 'node:events';
import { createServer } from 'node:http';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import fc from 'fast-check';
import { setupTestDB } from '../setup/mongoose-test-db.js';
import { buildTestApp, writeTallies } from './api-test-app.js';

/** Every GET route of the API, with slots for generated path segments. */
const ROUTES: Array<(segments: string[]) => string> = [
  () => '/api/v1/regions',
  () => '/api/v1/tallies',
  ([region = '', date = '']) => `/api/v1/regions/${region}/days/${date}`,
  () => '/api/v1/communities',
  ([code = '']) => `/api/v1/communities/${code}/tallies`,
  () => '/api/v1/reports',
  ([date = '']) => `/api/v1/briefings/${date}`,
  () => '/api/v1/sources',
  () => '/api/v1/alerts',
  ([id = '']) => `/api/v1/alerts/${id}`,
];

const KEYS = [
  'region',
  'from',
  'to',
  'granularity',
  'window',
  'sort',
  'limit',
  'cursor',
  'date',
  'source',
  'format',
];
const VALUES = [
  'sumy',
  'sumy,kharkiv',
  'atlantis',
  '2026-03-01',
  '2026-03-31',
  '2026-02-30',
  '1999-01-01',
  'week',
  'month',
  'day',
  'total',
  'night',
  'attacks',
  'explosions',
  '5',
  '0',
  '-1',
  '99999999',
  'csv',
  'md',
  'html',
  'json',
  'UA59020030000072865',
  'MTIzOmFiYw',
];

/** Strings made of the characters that break parsers: operators, separators, escapes, Cyrillic, controls. */
const nasty = fc.string({
  unit: fc.constantFrom(
    'a',
    'Z',
    '0',
    '9',
    '-',
    '_',
    '.',
    ',',
    '$',
    '[',
    ']',
    '{',
    '}',
    '%',
    '%2',
    '%zz',
    '&',
    '=',
    '+',
    ' ',
    '"',
    "'",
    '<',
    '>',
    '\\',
    '/',
    '?',
    '#',
    'й',
    'Ї',
    '😀',
    '\u0000',
    '\n',
  ),
  maxLength: 24,
});

const segment = fc.oneof(fc.constantFrom(...VALUES), nasty, fc.string({ maxLength: 12 }));
const pathSegment = fc
  .tuple(segment, fc.boolean())
  .map(([value, encode]) => (encode ? encodeURIComponent(value) : value.replace(/[/?#\s\p{Cc}]/gu, '')));

const queryPart = fc.tuple(
  fc.oneof(
    fc.constantFrom(...KEYS),
    fc.constantFrom('region[$ne]', '$where', 'from[]', 'to.gt', '__proto__', 'constructor'),
    nasty,
  ),
  segment,
  fc.boolean(),
);

const queryString = fc.array(queryPart, { maxLength: 6 }).map((parts) =>
  parts
    .map(([key, value, encode]) =>
      encode ? `${encodeURIComponent(key)}=${encodeURIComponent(value)}` : `${key}=${value}`,
    )
    .join('&')
    .replace(/[#\s\p{Cc}]/gu, ''),
);

async function get(
  base: string,
  path: string,
): Promise<{ status: number; contentType: string; body: string }> {
  const res = await fetch(`${base}${path}`, { headers: { 'accept-encoding': 'identity' } });
  return { status: res.status, contentType: res.headers.get('content-type') ?? '', body: await res.text() };
}

describe('API fuzz', () => {
  setupTestDB('api-fuzz');
  let server: Server;
  let base = '';

  before(async () => {
    server = createServer(buildTestApp({ API_MAX_RANGE_DAYS: '400' }));
    server.listen(0, '127.0.0.1');
    await once(server, 'listening');
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  after(async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });

  it('answers 2,000 generated query strings and path segments on every GET route with 200, 304, 400 or 404 only', async function () {
    // Hang guard only: 2,000 requests take a few seconds; a loaded machine gets a tenfold margin.
    this.timeout(120_000);
    await writeTallies([
      {
        region: 'sumy',
        date: '2026-03-01',
        metrics: { attacks: { value: 3 } },
        perCommunity: [
          {
            community: 'UA59020030000072865',
            name: 'Буринська',
            attacks: { value: 1, qualifier: 'exact' },
            weapons: [],
          },
        ],
      },
      { region: 'kharkiv', date: '2026-03-02', metrics: { killed: { value: 0 } } },
    ]);
    await fc.assert(
      fc.asyncProperty(
        fc.nat({ max: ROUTES.length - 1 }),
        fc.array(pathSegment, { minLength: 2, maxLength: 2 }),
        queryString,
        async (route, segments, query) => {
          const path = `${ROUTES[route]!(segments)}${query ? `?${query}` : ''}`;
          const res = await get(base, path);
          assert.ok(
            [200, 304, 400, 404].includes(res.status),
            `${path} answered ${res.status}: ${res.body.slice(0, 300)}`,
          );
          if (res.status >= 400) {
            const body = JSON.parse(res.body) as { error: { code: string; message: string } };
            assert.equal(typeof body.error.code, 'string', path);
          }
        },
      ),
      { numRuns: 2000 },
    );
  });
});
