/**
 * The public API as the dashboard reads it, from the page's own origin. Every error response of the API is
 * `{"error":{"code","message"}}`; it becomes an ApiError carrying that code and message, so a panel can
 * say what went wrong instead of staying empty.
 */

export const API_BASE = '/api/v1';

export class ApiError extends Error {
  /** @param {string} message @param {number} status @param {string} code */
  constructor(message, status, code) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
  }
}

/**
 * GETs an API path with query parameters (null and undefined ones are left out) and returns its JSON.
 * @param {string} path e.g. `/tallies`
 * @param {Record<string, string | number | null | undefined>} [params]
 * @param {AbortSignal} [signal]
 */
export async function getJson(path, params = {}, signal) {
  const response = await fetch(apiUrl(path, params), { headers: { accept: 'application/json' }, signal });
  const body = await response.json().catch(() => null);
  if (!response.ok) {
    const error = body && typeof body === 'object' ? body.error : null;
    throw new ApiError(
      error?.message ?? `The API answered ${response.status} for ${path}.`,
      response.status,
      error?.code ?? 'HTTP_ERROR',
    );
  }
  return body;
}

/** The URL of an API path with its query string (also used for links, such as the briefings). */
export function apiUrl(path, params = {}) {
  const query = new URLSearchParams();
  for (const [name, value] of Object.entries(params)) {
    if (value !== null && value !== undefined && value !== '') query.set(name, String(value));
  }
  const search = query.toString();
  return `${API_BASE}${path}${search ? `?${search}` : ''}`;
}

export const BRIEFING_FORMATS = ['html', 'pdf', 'md', 'csv', 'json'];

/** The briefing of a day in one format. */
export function briefingUrl(date, format) {
  return apiUrl(`/briefings/${encodeURIComponent(date)}`, { format });
}
