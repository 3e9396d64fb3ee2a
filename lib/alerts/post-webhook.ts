/**
 * The webhook poster the service uses: a POST through the outbound guard, so a channel URL cannot reach a
 * private, loopback or link-local address (unless ALLOW_PRIVATE_SOURCES), with the delivery deadline, no
 * redirects followed (a redirect is a failed attempt) and a small cap on the response body, which is
 * never read beyond its status.
 */
import type { AppConfig } from '../config.js';
import { createOutboundGuard } from '../outbound-guard.js';
import type { OutboundGuard } from '../outbound-guard.js';
import { sendOutboundRequest } from '../outbound-request.js';
import type { WebhookPoster } from './deliver-alerts.js';

const MAX_RESPONSE_BYTES = 64 * 1024;

export function createWebhookGuard(config: Pick<AppConfig, 'ALLOW_PRIVATE_SOURCES'>): OutboundGuard {
  return createOutboundGuard({ allowPrivate: config.ALLOW_PRIVATE_SOURCES });
}

export function createWebhookPoster(guard: OutboundGuard): WebhookPoster {
  return async (url, request) => {
    const response = await sendOutboundRequest(guard, url, {
      method: 'POST',
      headers: request.headers,
      body: request.body,
      timeoutMs: request.timeoutMs,
      maxBytes: MAX_RESPONSE_BYTES,
      maxRedirects: 0,
      signal: request.signal,
    });
    return { status: response.status };
  };
}
