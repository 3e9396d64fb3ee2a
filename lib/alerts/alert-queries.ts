/** The alert queries behind the API: list with filters, read one, acknowledge, mute. */
import { Types } from 'mongoose';
import { Alert } from '../../models/alert.model.js';
import type { AlertStatus } from '../../models/alert.model.js';
import { bumpDataVersion } from '../../models/data-version.model.js';
import { NotFoundError } from '../errors.js';
import { toAlertDetailViews } from './alert-view.js';
import type { AlertDetailView, StoredAlert } from './alert-view.js';

export interface AlertFilter {
  from?: string;
  to?: string;
  regions?: readonly string[];
  kinds?: readonly string[];
  statuses?: readonly AlertStatus[];
  limit: number;
}

export async function listAlerts(filter: AlertFilter): Promise<AlertDetailView[]> {
  const query: Record<string, unknown> = {};
  if (filter.from !== undefined || filter.to !== undefined) {
    query.date = {
      ...(filter.from === undefined ? {} : { $gte: filter.from }),
      ...(filter.to === undefined ? {} : { $lte: filter.to }),
    };
  }
  if (filter.regions?.length) query.region = { $in: filter.regions };
  if (filter.kinds?.length) query.kind = { $in: filter.kinds };
  if (filter.statuses?.length) query.status = { $in: filter.statuses };
  const alerts = await Alert.find(query)
    .sort({ date: -1, createdAt: -1, _id: -1 })
    .limit(filter.limit)
    .lean<StoredAlert[]>();
  return toAlertDetailViews(alerts);
}

async function findAlertOrThrow(id: string): Promise<StoredAlert> {
  const alert = Types.ObjectId.isValid(id) ? await Alert.findById(id).lean<StoredAlert>() : null;
  if (!alert) throw new NotFoundError(`No alert with id ${id}.`);
  return alert;
}

export async function readAlert(id: string): Promise<AlertDetailView> {
  const [view] = await toAlertDetailViews([await findAlertOrThrow(id)]);
  if (!view) throw new NotFoundError(`No alert with id ${id}.`);
  return view;
}

/** Marks an alert acknowledged: it stays listed, and is no longer delivered if it had not been yet. */
export async function acknowledgeAlert(id: string, now: Date): Promise<AlertDetailView> {
  await findAlertOrThrow(id);
  await Alert.updateOne({ _id: id }, { $set: { status: 'acknowledged', acknowledgedAt: now } });
  await bumpDataVersion('alerts.ack', now);
  return readAlert(id);
}

/** Mutes an alert until `until`: neither it nor later alerts of the same series are delivered meanwhile. */
export async function muteAlert(id: string, until: Date, now: Date): Promise<AlertDetailView> {
  await findAlertOrThrow(id);
  await Alert.updateOne({ _id: id }, { $set: { status: 'muted', mutedUntil: until } });
  await bumpDataVersion('alerts.mute', now);
  return readAlert(id);
}
