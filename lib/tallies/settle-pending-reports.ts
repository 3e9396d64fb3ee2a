/**
 * The second half of every ingest (poll, backfill, re-extraction): take the reports marked
 * `pendingTally`, remove the synthetic demo set if real reports now exist, recompute the tallies of every
 * day those reports feed or fed, clear the marks, and bump the data-version stamp when a tally changed.
 *
 * Because the marks are written with the reports and cleared only after the tallies, a run killed at any
 * point leaves them in place, and the next run (of any ingest job) finishes the work.
 */
import { removeDemoData } from '../demo-data.js';
import type { Logger } from '../logger.js';
import { bumpDataVersion } from '../../models/data-version.model.js';
import { Report } from '../../models/report.model.js';
import { Tally } from '../../models/tally.model.js';
import { recomputeTallies } from './recompute-tallies.js';
import type { DayKey, TallySlotKey } from './recompute-tallies.js';

export interface SettleOutcome {
  changed: TallySlotKey[];
  talliesWritten: number;
  talliesDeleted: number;
  reportsSettled: number;
  demoTalliesRemoved: number;
}

/** Deletes the demo set once a real report is stored, so demo and real figures never mix. */
export async function removeDemoOnceRealDataExists(logger: Logger): Promise<number> {
  if (!(await Tally.exists({ demo: true }))) return 0;
  if (!(await Report.exists({}))) return 0;
  const removed = await removeDemoData();
  logger.warn(
    { event: 'demo.removed', tallies: removed },
    'real reports are stored: the synthetic demo data set was removed',
  );
  return removed;
}

export async function settlePendingReports(options: {
  now: Date;
  reason: string;
  bumpedBy: string;
  logger: Logger;
}): Promise<SettleOutcome> {
  const demoTalliesRemoved = await removeDemoOnceRealDataExists(options.logger);
  const pending = await Report.find({ pendingTally: true }, { slots: 1, staleSlots: 1 }).lean();
  const days = new Map<string, DayKey>();
  for (const report of pending) {
    for (const slot of [...report.slots, ...report.staleSlots]) {
      days.set(`${slot.region}|${slot.date}`, { region: slot.region, date: slot.date });
    }
  }
  const outcome = await recomputeTallies([...days.values()], { now: options.now, reason: options.reason });
  if (pending.length > 0) {
    await Report.updateMany(
      { _id: { $in: pending.map((report) => report._id) } },
      { $set: { pendingTally: false, staleSlots: [] } },
    );
  }
  if (outcome.changed.length > 0 || demoTalliesRemoved > 0)
    await bumpDataVersion(options.bumpedBy, options.now);
  return { ...outcome, reportsSettled: pending.length, demoTalliesRemoved };
}
