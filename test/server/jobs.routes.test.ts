import assert from 'node:assert/strict';
import request from 'supertest';
import type { Job } from '../../jobs/job.js';
import { acquireJobLock } from '../../jobs/job-lock.js';
import { setupTestDB } from '../setup/mongoose-test-db.js';
import { ADMIN_KEY, buildTestApp } from './api-test-app.js';

const countJob: Job = {
  name: 'count-things',
  schedule: () => '0 * * * *',
  run: () => Promise.resolve({ counted: 3 }),
};
const failingJob: Job = {
  name: 'always-fails',
  schedule: () => '0 * * * *',
  run: () => Promise.reject(new Error('feed unreachable')),
};

describe('POST /api/v1/jobs/:name/run', () => {
  setupTestDB('api-jobs');
  const app = buildTestApp({}, { jobs: [countJob, failingJob] });
  const auth = `Bearer ${ADMIN_KEY}`;

  it('runs the job under its lease, waits, and answers with its summary', async () => {
    const res = await request(app)
      .post('/api/v1/jobs/count-things/run')
      .set('authorization', auth)
      .expect(200);
    const body = res.body as { job: string; status: string; durationMs: number; summary: unknown };
    assert.equal(body.job, 'count-things');
    assert.equal(body.status, 'finished');
    assert.equal(typeof body.durationMs, 'number');
    assert.deepEqual(body.summary, { counted: 3 });
  });

  it('reports a failed run with its error', async () => {
    const res = await request(app)
      .post('/api/v1/jobs/always-fails/run')
      .set('authorization', auth)
      .expect(200);
    const body = res.body as { status: string; error: string };
    assert.equal(body.status, 'failed');
    assert.equal(body.error, 'feed unreachable');
  });

  it('responds 409 JOB_BUSY while another owner holds the lease', async () => {
    await acquireJobLock({ job: 'count-things', owner: 'elsewhere', leaseMs: 60_000, now: new Date() });
    const res = await request(app)
      .post('/api/v1/jobs/count-things/run')
      .set('authorization', auth)
      .expect(409);
    assert.equal((res.body as { error: { code: string } }).error.code, 'JOB_BUSY');
  });

  it('responds 404 for an unknown job', async () => {
    const res = await request(app)
      .post('/api/v1/jobs/no-such-job/run')
      .set('authorization', auth)
      .expect(404);
    assert.equal((res.body as { error: { code: string } }).error.code, 'NOT_FOUND');
  });

  it('needs the admin key: 401 without it or with a wrong one, 403 when none is configured', async () => {
    await request(app).post('/api/v1/jobs/count-things/run').expect(401);
    await request(app)
      .post('/api/v1/jobs/count-things/run')
      .set('authorization', 'Bearer wrong-key-wrong-key')
      .expect(401);
    const disabled = buildTestApp({ ADMIN_API_KEY: '' }, { jobs: [countJob] });
    await request(disabled).post('/api/v1/jobs/count-things/run').set('authorization', auth).expect(403);
  });
});
