/**
 * Fixtures for the alert tests that run against the database: daily `total` tallies with a steady level
 * and a chosen last value, the reports behind them, and a local webhook receiver on port 0 whose
 * answers a test scripts.
 */
import { once } from 'node:events';
import { createServer } from 'node:http';
import type { IncomingHttpHeaders, Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { addDays } from '../../domain/alerts/calendar.js';
import { parseConfig } from '../../lib/config.js';
import type { AppConfig } from '../../lib/config.js';
import { createLogger } from '../../lib/logger.js';
import { Report } from '../../models/report.model.js';
import { Tally } from '../../models/tally.model.js';
import type { JobDeps } from '../../jobs/job.js';

export const logger = createLogger({ level: 'silent' });

/** Writes `days` steady days of attacks (around `level`) ending the day before `lastDate`, then `lastValue` on it. */
export async function writeSeries(options: {
  region: string;
  lastDate: string;
  lastValue: number;
  level?: number;
  days?: number;
  metric?: 'attacks' | 'explosions';
}): Promise<{ reportId: string }> {
  const { region, lastDate, lastValue, level = 40, days = 35, metric = 'attacks' } = options;
  const report = await Report.create({
    source: `${region}-oda`,
    guid: `${region}-${lastDate}`,
    url: `https://t.me/${region}_oda/${lastDate.replace(/-/g, '')}`,
    text: `Summary for ${lastDate}`,
    publishedAt: new Date(`${lastDate}T07:00:00Z`),
    fetchedAt: new Date(`${lastDate}T07:05:00Z`),
    contentHash: `hash-${region}-${lastDate}`,
  });
  const tallies = [];
  for (let i = days; i >= 0; i--) {
    const date = addDays(lastDate, -i);
    // A small deterministic wobble so the MAD is not 0.
    const value = i === 0 ? lastValue : level + ((i * 7) % 5) - 2;
    tallies.push({
      region,
      date,
      window: 'total',
      metrics: { [metric]: { value, qualifier: 'exact', term: metric } },
      contributions: [
        {
          report: i === 0 ? report._id : null,
          source: `${region}-oda`,
          extractorVersion: 'test-1',
          evidence: [],
        },
      ],
    });
  }
  await Tally.insertMany(tallies);
  return { reportId: String(report._id) };
}

export interface ReceivedRequest {
  headers: IncomingHttpHeaders;
  body: string;
}

export interface WebhookReceiver {
  url: string;
  requests: ReceivedRequest[];
  /** Status codes to answer with, in order; the last one repeats. */
  answers: number[];
  close(): Promise<void>;
}

export async function startReceiver(answers: number[] = [200]): Promise<WebhookReceiver> {
  const requests: ReceivedRequest[] = [];
  const receiver = { answers } as WebhookReceiver;
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      requests.push({ headers: req.headers, body: Buffer.concat(chunks).toString('utf8') });
      const status = receiver.answers[Math.min(requests.length - 1, receiver.answers.length - 1)] ?? 200;
      res.writeHead(status, { 'content-type': 'application/json' }).end('{"ok":true}');
    });
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as AddressInfo;
  receiver.url = `http://127.0.0.1:${port}/hook`;
  receiver.requests = requests;
  receiver.close = async () => {
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  };
  return receiver;
}

export function makeConfig(env: NodeJS.ProcessEnv = {}): AppConfig {
  return parseConfig({ ALLOW_PRIVATE_SOURCES: 'true', ALERT_DELIVERY_BACKOFF_MS: '1000', ...env });
}

export function channelsEnv(channels: Array<Record<string, unknown>>): NodeJS.ProcessEnv {
  return { ALERT_CHANNELS: JSON.stringify(channels) };
}

export function makeJobDeps(config: AppConfig, clock: { now: Date }): JobDeps {
  return { config, logger, now: () => clock.now, signal: new AbortController().signal };
}

export const SECRET = 'a-shared-secret-of-some-length';
