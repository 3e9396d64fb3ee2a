/**
 * Ingest throughput: 20 local feeds of 500 items each go through the whole poll (fetch over HTTP, decode,
 * parse, extract, upsert the reports, reconcile and write the tallies) on the embedded engine. Reported as
 * a ratio against rss-parser parsing the same 20 feeds alone, in the same run (target: at most 3x).
 * A second poll, where every feed answers 304, is reported against the same baseline.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import mongoose from 'mongoose';
import Parser from 'rss-parser';
import { startEmbeddedMongo } from '../embedded-mongo/index.js';
import { pollSources } from '../jobs/poll-sources.job.js';
import { parseConfig } from '../lib/config.js';
import { createLogger } from '../lib/logger.js';
import { allModels, ensureIndexes } from '../models/index.js';
import { Source } from '../models/source.model.js';
import { measure, reportRatio, type Benchmark } from './harness.js';

/** The size: 20 feeds of 500 items. Smaller runs for iterating: BENCH_INGEST_FEEDS, BENCH_INGEST_ITEMS. */
const FEEDS = Number(process.env.BENCH_INGEST_FEEDS ?? 20);
const ITEMS = Number(process.env.BENCH_INGEST_ITEMS ?? 500);
const REGIONS: Array<[string, string]> = [
  ['sumy', 'Сумщини'],
  ['kharkiv', 'Харківщини'],
  ['kherson', 'Херсонщини'],
  ['chernihiv', 'Чернігівщини'],
  ['mykolaiv', 'Миколаївщини'],
  ['dnipropetrovsk', 'Дніпропетровщини'],
  ['zaporizhzhia', 'Запорізької області'],
  ['donetsk', 'Донеччини'],
];

function buildFeed(feed: number): string {
  const [, place] = REGIONS[feed % REGIONS.length] ?? REGIONS[0]!;
  const items: string[] = [];
  for (let index = 0; index < ITEMS; index++) {
    // Two posts a day, the night-and-morning one and the day one, going back 250 days.
    const day = Math.floor(index / 2);
    const evening = index % 2 === 0;
    const published = new Date(Date.UTC(2025, 10, 3, evening ? 18 : 6, 30) - day * 86_400_000);
    const attacks = 5 + ((feed * 31 + index * 7) % 60);
    const explosions = attacks * 3 + (index % 5);
    const text = evening
      ? `Протягом дня ворог ${attacks} разів обстріляв прикордоння ${place}. Зафіксовано ${explosions} вибухів.`
      : `Вночі та зранку ворог ${attacks} разів обстріляв прикордоння ${place}. Зафіксовано ${explosions} вибухів.`;
    items.push(
      `<item><guid>feed-${feed}-${index}</guid><link>https://example.org/${feed}/${index}</link>` +
        `<title>Обстріли</title><description>${text}</description><pubDate>${published.toUTCString()}</pubDate></item>`,
    );
  }
  return `<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>Feed ${feed}</title><link>https://example.org/${feed}</link><description>bench</description>${items.join('')}</channel></rss>`;
}

export const benchmark: Benchmark = {
  name: 'ingest: fetch, parse, extract, upsert and recompute',
  async run() {
    const feeds = Array.from({ length: FEEDS }, (_, feed) => buildFeed(feed));
    const server = createServer((request, response) => {
      const feed = Number(/\/feed\/(\d+)/.exec(request.url ?? '')?.[1]);
      const body = feeds[feed];
      if (body === undefined) return void response.writeHead(404).end();
      const etag = `"feed-${feed}"`;
      if (request.headers['if-none-match'] === etag) return void response.writeHead(304, { etag }).end();
      response.writeHead(200, { 'content-type': 'application/rss+xml; charset=utf-8', etag }).end(body);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const engine = await startEmbeddedMongo();
    await mongoose.connect(engine.uri, { dbName: 'bench_ingest' });
    await ensureIndexes();
    const config = parseConfig({
      ALLOW_PRIVATE_SOURCES: '1',
      POLL_MIN_INTERVAL_MS: '100',
      FETCH_TIMEOUT_MS: '120000',
      LOG_LEVEL: 'silent',
    });
    const logger = createLogger({ level: 'silent' });
    let clock = Date.UTC(2025, 10, 4, 7, 0);
    const poll = () =>
      pollSources({ config, logger, now: () => new Date(clock), signal: new AbortController().signal });

    async function resetAndPoll(): Promise<void> {
      await Promise.all(allModels.map((model) => model.collection.deleteMany({})));
      await Source.insertMany(
        feeds.map((_, feed) => ({
          key: `feed-${feed}`,
          name: `Feed ${feed}`,
          region: REGIONS[feed % REGIONS.length]?.[0] ?? null,
          url: `${base}/feed/${feed}`,
          kind: 'rss',
          language: 'uk',
          official: true,
        })),
      );
      const summary = await poll();
      if (summary.itemsNew !== FEEDS * ITEMS || summary.errors.length > 0) {
        throw new Error(`unexpected poll summary: ${JSON.stringify(summary)}`);
      }
    }

    try {
      const parser = new Parser();
      const items = FEEDS * ITEMS;
      const baseline = await measure(
        `rss-parser parseString, ${FEEDS} feeds x ${ITEMS} items`,
        async () => {
          for (const feed of feeds) await parser.parseString(feed);
        },
        { opsPerCall: items, samples: 3, warmup: 1 },
      );
      // One full poll is thousands of extractions and writes, warm after its first few items: no warmup call.
      const full = await measure(`poll-sources end to end, ${items} items`, resetAndPoll, {
        opsPerCall: items,
        samples: 3,
        warmup: 0,
      });
      const ratio = reportRatio(full, baseline);
      console.log(`  end-to-end ingest: ${ratio.toFixed(2)}x the parse-only baseline (target <= 3x)`);
      const notModified = await measure(
        `second poll, all ${FEEDS} feeds answering 304`,
        async () => {
          clock += 1_000;
          const summary = await poll();
          if (summary.notModified !== FEEDS)
            throw new Error(`expected ${FEEDS} 304s: ${JSON.stringify(summary)}`);
        },
        { opsPerCall: items, samples: 5, warmup: 0 },
      );
      reportRatio(notModified, baseline);
      console.log(
        `  all-304 poll: ${notModified.medianMs.toFixed(1)} ms vs ${full.medianMs.toFixed(1)} ms for the full poll`,
      );
    } finally {
      await mongoose.disconnect();
      await engine.stop();
      await new Promise((resolve) => server.close(resolve));
    }
  },
};
