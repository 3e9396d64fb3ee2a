import assert from 'node:assert/strict';
import {
  recordAlertsRaised,
  recordHttpRequest,
  recordJobRun,
  recordOpenAlerts,
  recordSourceFetch,
  renderMetrics,
} from '../../lib/metrics.js';

function findSample(text: string, name: string, labels: string): number | null {
  const line = text.split('\n').find((row) => row.startsWith(`${name}{${labels}}`));
  return line === undefined ? null : Number(line.split(' ').pop());
}

describe('lib/metrics', () => {
  it('counts requests by route pattern and status, and observes their latency', async () => {
    recordHttpRequest('GET', '/api/v1/metrics-test', 200, 0.004);
    recordHttpRequest('GET', '/api/v1/metrics-test', 200, 0.02);
    const { body, contentType } = await renderMetrics();
    assert.match(contentType, /^text\/plain/);
    assert.equal(
      findSample(body, 'http_requests_total', 'method="GET",route="/api/v1/metrics-test",status="200"'),
      2,
    );
    assert.equal(
      findSample(body, 'http_request_duration_seconds_count', 'method="GET",route="/api/v1/metrics-test"'),
      2,
    );
  });

  it('counts job runs and failures by job', async () => {
    recordJobRun('metrics-test-job', 'finished', 0.5);
    recordJobRun('metrics-test-job', 'failed', 0.1);
    recordJobRun('metrics-test-job', 'skipped');
    const { body } = await renderMetrics();
    assert.equal(findSample(body, 'job_runs_total', 'job="metrics-test-job",status="failed"'), 1);
    assert.equal(findSample(body, 'job_failures_total', 'job="metrics-test-job"'), 1);
    assert.equal(findSample(body, 'job_duration_seconds_count', 'job="metrics-test-job"'), 2);
  });

  it('counts fetches by source and outcome, and sets the last success time only on success', async () => {
    recordSourceFetch('metrics-test-source', 'ok', new Date('2026-03-01T10:00:00Z'));
    recordSourceFetch('metrics-test-source', 'error', new Date('2026-03-01T11:00:00Z'));
    const { body } = await renderMetrics();
    assert.equal(findSample(body, 'source_fetches_total', 'source="metrics-test-source",outcome="error"'), 1);
    assert.equal(
      findSample(body, 'source_last_success_timestamp_seconds', 'source="metrics-test-source"'),
      Date.parse('2026-03-01T10:00:00Z') / 1000,
    );
  });

  it('counts alerts raised and the open alerts', async () => {
    recordAlertsRaised('metrics-test-kind', 3);
    recordOpenAlerts(7);
    const { body } = await renderMetrics();
    assert.equal(findSample(body, 'alerts_raised_total', 'kind="metrics-test-kind"'), 3);
    assert.match(body, /^alerts_open 7$/m);
  });
});
