/**
 * A lease on a job, so that when several instances run, only one runs a given job at a time. The holder
 * renews it while it works; once `expiresAt` passes, another instance may take it over. Acquisition is a
 * single findOneAndUpdate with upsert (see jobs/job-lock.ts), which the unique index on `job` makes atomic.
 */
import { Schema, model } from 'mongoose';
import type { HydratedDocument, InferSchemaType } from 'mongoose';

const jobLockSchema = new Schema(
  {
    job: { type: String, required: true },
    /** Which process holds the lease: `<hostname>:<pid>:<random>`. */
    owner: { type: String, required: true },
    acquiredAt: { type: Date, required: true },
    expiresAt: { type: Date, required: true },
  },
  { collection: 'job_locks', versionKey: false },
);

jobLockSchema.index({ job: 1 }, { unique: true });

export type JobLockFields = InferSchemaType<typeof jobLockSchema>;
export type JobLockDocument = HydratedDocument<JobLockFields>;
export const JobLock = model('JobLock', jobLockSchema);
