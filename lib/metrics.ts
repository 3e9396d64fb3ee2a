/**
 * The service's Prometheus metrics (prom-client), served at `/metrics`. One registry per process, with
 * small record functions so that the job runner, the feed fetcher and the alert jobs can count what they
 * do without knowing prom-client.
 *
 * Label values are bounded on purpose: routes are recorded by their pattern (`/api/v1/tallies`, never the
 * raw URL), sources by their key, jobs by their name, so a client cannot grow the registry without bound.
 */
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

export const metricsRegistry = new Registry();
collectDefaultMetrics({ register: metricsRegistry });

const httpRequests = new Counter({
  name: 'http_requests_total',
  help: 'HTTP requests answered, by method, route pattern and status code.',
  labelNames: ['method', 'route', 'status'] as const,
  registers: [metricsRegistry],
});

const httpDuration = new Histogram({
  name: 'http_request_duration_seconds',
  help: 'Time from receiving a request to finishing its response, by method and route pattern.',
  labelNames: ['method', 'route'] as const,
  buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
  registers: [metricsRegistry],
});

const jobRuns = new Counter({
  name: 'job_runs_total',
  help: 'Job runs by job name and outcome (finished, failed, skipped).',
  labelNames: ['job', 'status'] as const,
  registers: [metricsRegistry],
});

const jobFailures = new Counter({
  name: 'job_failures_total',
  help: 'Job runs that failed, by job name.',
  labelNames: ['job'] as const,
  registers: [metricsRegistry],
});

const jobDuration = new Histogram({
  name: 'job_duration_seconds',
  help: 'Duration of job runs that finished or failed, by job name.',
  labelNames: ['job'] as const,
  buckets: [0.05, 0.25, 1, 5, 15, 60, 300, 900],
  registers: [metricsRegistry],
});

const sourceFetches = new Counter({
  name: 'source_fetches_total',
  help: 'Feed fetches by source key and outcome (ok, not_modified, error, ...).',
  labelNames: ['source', 'outcome'] as const,
  registers: [metricsRegistry],
});

const sourceLastSuccess = new Gauge({
  name: 'source_last_success_timestamp_seconds',
  help: 'Unix time of the last successful fetch of each source.',
  labelNames: ['source'] as const,
  registers: [metricsRegistry],
});

const alertsRaised = new Counter({
  name: 'alerts_raised_total',
  help: 'Alerts raised, by kind (spike, silent_source, ...).',
  labelNames: ['kind'] as const,
  registers: [metricsRegistry],
});

const openAlerts = new Gauge({
  name: 'alerts_open',
  help: 'Alerts currently open, as last counted by the alert job.',
  registers: [metricsRegistry],
});

/** Outcomes a fetch can have; `ok` and `not_modified` count as successes. */
export type SourceFetchOutcome = 'ok' | 'not_modified' | 'error' | 'timeout' | 'refused' | 'parse_error';

/** Counts one answered HTTP request. `route` is the matched pattern, or `(unmatched)`. */
export function recordHttpRequest(method: string, route: string, status: number, seconds: number): void {
  httpRequests.inc({ method, route, status: String(status) });
  httpDuration.observe({ method, route }, seconds);
}

/** Counts one job run; `seconds` is left out for a skipped run. */
export function recordJobRun(job: string, status: 'finished' | 'failed' | 'skipped', seconds?: number): void {
  jobRuns.inc({ job, status });
  if (status === 'failed') jobFailures.inc({ job });
  if (seconds !== undefined) jobDuration.observe({ job }, seconds);
}

/** Counts one fetch of a source; a success also sets its last-success time. */
export function recordSourceFetch(source: string, outcome: SourceFetchOutcome, at = new Date()): void {
  sourceFetches.inc({ source, outcome });
  if (outcome === 'ok' || outcome === 'not_modified') sourceLastSuccess.set({ source }, at.getTime() / 1000);
}

/** Counts alerts raised by kind. */
export function recordAlertsRaised(kind: string, count = 1): void {
  if (count > 0) alertsRaised.inc({ kind }, count);
}

/** Sets the number of open alerts. */
export function recordOpenAlerts(count: number): void {
  openAlerts.set(count);
}

/** The registry in the Prometheus text format, and its content type. */
export async function renderMetrics(): Promise<{ contentType: string; body: string }> {
  return { contentType: metricsRegistry.contentType, body: await metricsRegistry.metrics() };
}
