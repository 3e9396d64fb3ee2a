/** The API's and the generic payload's view of an alert, with the state of its deliveries. */
import type { Types } from 'mongoose';
import type { AlertView } from '../../domain/alerts/format-payloads.js';
import { AlertDelivery } from '../../models/alert-delivery.model.js';
import type { AlertFields } from '../../models/alert.model.js';

export type StoredAlert = AlertFields & { _id: Types.ObjectId; createdAt?: Date; updatedAt?: Date };

export function toAlertView(alert: StoredAlert): AlertView {
  return {
    id: String(alert._id),
    kind: alert.kind,
    region: alert.region ?? null,
    community: alert.community ?? null,
    source: alert.source ?? null,
    metric: alert.metric ?? null,
    date: alert.date,
    value: alert.value ?? null,
    baseline: alert.baseline ?? null,
    spread: alert.spread ?? null,
    threshold: alert.threshold ?? null,
    method: alert.method,
    explanation: alert.explanation,
    status: alert.status,
    reports: alert.reports.map((report) => ({
      id: report.report ? String(report.report) : null,
      url: report.url ?? null,
      source: report.source,
    })),
  };
}

export interface DeliveryView {
  channel: string;
  status: string;
  attempts: number;
  lastStatusCode: number | null;
  lastError: string | null;
  nextAttemptAt: string | null;
  deliveredAt: string | null;
}

/** The API's fuller view: the payload view plus mute, acknowledgement, revision and delivery state. */
export interface AlertDetailView extends AlertView {
  acknowledgedAt: string | null;
  mutedUntil: string | null;
  revision: number;
  createdAt: string | null;
  updatedAt: string | null;
  deliveries: DeliveryView[];
}

/** Builds detail views, reading the deliveries of all the alerts in one query. */
export async function toAlertDetailViews(alerts: readonly StoredAlert[]): Promise<AlertDetailView[]> {
  const deliveries =
    alerts.length === 0
      ? []
      : await AlertDelivery.find({ alerts: { $in: alerts.map((alert) => alert._id) } })
          .sort({ queuedAt: 1 })
          .lean();
  const byAlert = new Map<string, DeliveryView[]>();
  for (const delivery of deliveries) {
    const last = delivery.attempts[delivery.attempts.length - 1];
    const view: DeliveryView = {
      channel: delivery.channel,
      status: delivery.status,
      attempts: delivery.attempts.length,
      lastStatusCode: last?.statusCode ?? null,
      lastError: last?.error ?? null,
      nextAttemptAt: delivery.nextAttemptAt?.toISOString() ?? null,
      deliveredAt: delivery.deliveredAt?.toISOString() ?? null,
    };
    for (const id of delivery.alerts) {
      const list = byAlert.get(String(id)) ?? [];
      list.push(view);
      byAlert.set(String(id), list);
    }
  }
  return alerts.map((alert) => ({
    ...toAlertView(alert),
    acknowledgedAt: alert.acknowledgedAt?.toISOString() ?? null,
    mutedUntil: alert.mutedUntil?.toISOString() ?? null,
    revision: alert.revision,
    createdAt: alert.createdAt?.toISOString() ?? null,
    updatedAt: alert.updatedAt?.toISOString() ?? null,
    deliveries: byAlert.get(String(alert._id)) ?? [],
  }));
}
