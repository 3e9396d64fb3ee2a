/**
 * Leases on jobs, stored in the job_locks collection. Acquiring is one atomic findOneAndUpdate with upsert:
 * it matches the job's lease only when it has expired or is already ours. When another owner holds a live
 * lease, nothing matches, the upsert tries to insert a second lease for the job, and the unique index on
 * `job` rejects it with E11000, which means "not acquired". Two concurrent first acquirers race the same
 * way: one insert wins.
 */
import { hostname } from 'node:os';
import { randomUUID } from 'node:crypto';
import { isDuplicateKeyError } from '../lib/errors.js';
import { JobLock } from '../models/job-lock.model.js';

export interface JobLease {
  job: string;
  owner: string;
  expiresAt: Date;
}

export interface AcquireJobLockOptions {
  job: string;
  owner: string;
  leaseMs: number;
  now?: Date;
}

/** A lease owner id unique to this process: `<hostname>:<pid>:<random>`. */
export function createLockOwner(): string {
  return `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;
}

/** Takes the job's lease, or returns null when another owner holds a live one. */
export async function acquireJobLock(options: AcquireJobLockOptions): Promise<JobLease | null> {
  const now = options.now ?? new Date();
  const expiresAt = new Date(now.getTime() + options.leaseMs);
  try {
    const lock = await JobLock.findOneAndUpdate(
      { job: options.job, $or: [{ expiresAt: { $lte: now } }, { owner: options.owner }] },
      { $set: { owner: options.owner, acquiredAt: now, expiresAt } },
      { upsert: true, returnDocument: 'after', lean: true },
    );
    return lock ? { job: lock.job, owner: lock.owner, expiresAt: lock.expiresAt } : null;
  } catch (error) {
    if (isDuplicateKeyError(error)) return null;
    throw error;
  }
}

/** Extends a lease we hold. Returns null when it was lost (it expired and someone else took it). */
export async function renewJobLock(
  lease: JobLease,
  leaseMs: number,
  now = new Date(),
): Promise<JobLease | null> {
  const expiresAt = new Date(now.getTime() + leaseMs);
  const lock = await JobLock.findOneAndUpdate(
    { job: lease.job, owner: lease.owner },
    { $set: { expiresAt } },
    { returnDocument: 'after', lean: true },
  );
  return lock ? { job: lock.job, owner: lock.owner, expiresAt: lock.expiresAt } : null;
}

/** Gives a lease back so the next run need not wait for it to expire. */
export async function releaseJobLock(lease: JobLease): Promise<boolean> {
  const result = await JobLock.deleteOne({ job: lease.job, owner: lease.owner });
  return result.deletedCount === 1;
}
