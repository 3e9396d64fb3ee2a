/**
 * The three webhook payloads a channel can receive for a group of alerts: the service's own JSON
 * (`generic`), a Slack incoming-webhook message (`slack`, also understood by Mattermost and Discord's
 * Slack-compatible endpoint) and a Telegram Bot API `sendMessage` body (`telegram`).
 */
import type { Detection, ReportRef } from './types.js';

/**
 * An alert as the API and the payloads show it: a stored detection, with its id and status, its report
 * references resolved to links, and kind and region as stored strings (a silent-source alert has no region).
 */
export interface AlertView extends Omit<Detection, 'kind' | 'region' | 'reports'> {
  id: string;
  kind: string;
  region: string | null;
  status: string;
  reports: Array<ReportRef & { url: string | null }>;
}

export type PayloadKind = 'generic' | 'slack' | 'telegram';

export interface PayloadContext {
  kind: PayloadKind;
  idempotencyKey: string;
  /** When the message is first built, ISO 8601. */
  sentAt: string;
  /** Telegram's `chat_id`. */
  telegramChatId?: string | null;
}

const KIND_LABELS: Record<string, string> = {
  spike: 'Spike',
  sustained_rise: 'Sustained rise',
  new_front: 'New front',
  silent_source: 'Silent source',
};

/** Telegram refuses messages longer than 4096 characters. */
const TELEGRAM_MAX_LENGTH = 4096;

function labelOf(alert: AlertView): string {
  return KIND_LABELS[alert.kind] ?? alert.kind;
}

function linksOf(alert: AlertView): string[] {
  return alert.reports.flatMap((report) => (report.url ? [report.url] : []));
}

function escapeSlack(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

function escapeHtml(text: string): string {
  return escapeSlack(text).replace(/"/g, '&quot;');
}

function summarise(alerts: readonly AlertView[]): string {
  return alerts.length === 1 ? '1 new alert' : `${alerts.length} new alerts`;
}

function buildSlack(alerts: readonly AlertView[]) {
  const lines = alerts.map((alert) => {
    const links = linksOf(alert)
      .map((url, i) => `<${url}|report ${i + 1}>`)
      .join(' · ');
    return `*${labelOf(alert)}*: ${escapeSlack(alert.explanation)}${links ? `\n${links}` : ''}`;
  });
  return {
    text: `${summarise(alerts)}: ${alerts.map((alert) => escapeSlack(alert.explanation)).join(' ')}`,
    blocks: [
      { type: 'header', text: { type: 'plain_text', text: `Strike-report tracker: ${summarise(alerts)}` } },
      ...lines.map((text) => ({ type: 'section', text: { type: 'mrkdwn', text } })),
    ],
  };
}

function buildTelegram(alerts: readonly AlertView[], chatId: string | null | undefined) {
  const parts = alerts.map((alert) => {
    const links = linksOf(alert)
      .map((url, i) => `<a href="${escapeHtml(url)}">report ${i + 1}</a>`)
      .join(' · ');
    return `<b>${escapeHtml(labelOf(alert))}</b>: ${escapeHtml(alert.explanation)}${links ? `\n${links}` : ''}`;
  });
  let text = `<b>${summarise(alerts)}</b>\n\n${parts.join('\n\n')}`;
  if (text.length > TELEGRAM_MAX_LENGTH) {
    // Cut at a whole alert so no HTML tag is left open.
    const kept: string[] = [];
    let length = summarise(alerts).length + 20;
    for (const part of parts) {
      if (length + part.length + 40 > TELEGRAM_MAX_LENGTH) break;
      kept.push(part);
      length += part.length + 2;
    }
    text = `<b>${summarise(alerts)}</b>\n\n${kept.join('\n\n')}\n\n… and ${parts.length - kept.length} more`;
  }
  return { chat_id: chatId ?? '', text, parse_mode: 'HTML', disable_web_page_preview: true };
}

/** The body to POST, as a JSON-serialisable object. */
export function buildPayload(alerts: readonly AlertView[], context: PayloadContext): Record<string, unknown> {
  switch (context.kind) {
    case 'slack':
      return buildSlack(alerts);
    case 'telegram':
      return buildTelegram(alerts, context.telegramChatId);
    case 'generic':
      return {
        type: 'alerts',
        idempotencyKey: context.idempotencyKey,
        sentAt: context.sentAt,
        count: alerts.length,
        alerts,
      };
  }
}
