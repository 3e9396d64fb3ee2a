/**
 * The parser stage: bytes already decoded to text in, items out. RSS and Atom go through rss-parser's
 * `parseString` (never `parseURL`, which hides the response and rejects a 304); Telegram pages through
 * cheerio. Pure apart from the parsers themselves: no network, no database.
 */
import Parser from 'rss-parser';
import { createHash } from 'node:crypto';
import type { FeedItem, ParsedFeed } from './feed-item.js';
import { convertHtmlToText } from './html-to-text.js';
import { parseTelegramPage } from './parse-telegram-page.js';

export type FeedKind = 'rss' | 'atom' | 'telegram';

/** The feed could not be read as its kind: malformed XML, an HTML error page instead of a feed, ... */
export class FeedParseError extends Error {
  readonly code = 'FEED_MALFORMED';
}

interface ExtraItemFields {
  'content:encoded'?: string;
  id?: string;
  summary?: string;
}

const parser: Parser<Record<string, unknown>, ExtraItemFields> = new Parser({
  customFields: { item: ['content:encoded', 'id', 'summary'] },
});

function toDate(value: string | undefined): Date | null {
  if (!value) return null;
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? null : date;
}

function pickText(item: Parser.Item & ExtraItemFields): string {
  const html = item['content:encoded'] ?? item.content ?? item.summary ?? item.contentSnippet ?? '';
  return convertHtmlToText(String(html));
}

/**
 * The feed's archive of older items, if it links one (RFC 5005 archived feeds:
 * `<atom:link rel="prev-archive" href="...">`). Backfill follows it; polling ignores it.
 */
export function findArchiveLink(text: string, url: string): string | null {
  const head = text.slice(0, 20_000);
  for (const match of head.matchAll(/<(?:atom:)?link\b[^>]*>/gi)) {
    const tag = match[0];
    if (!/\brel\s*=\s*["']prev-archive["']/i.test(tag)) continue;
    const href = /\bhref\s*=\s*["']([^"']+)["']/i.exec(tag)?.[1];
    if (!href) continue;
    try {
      return new URL(href.replace(/&amp;/g, '&'), url).href;
    } catch {
      return null;
    }
  }
  return null;
}

async function parseXmlFeed(text: string, url: string): Promise<ParsedFeed> {
  let feed;
  try {
    feed = await parser.parseString(text);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new FeedParseError(`Malformed feed: ${reason.split('\n')[0] ?? reason}`, { cause: error });
  }
  const items: FeedItem[] = [];
  for (const item of feed.items) {
    const body = pickText(item);
    const title = item.title ? convertHtmlToText(item.title) : null;
    if (!body && !title) continue;
    const guid =
      item.guid ??
      item.id ??
      item.link ??
      // Without any id, the content itself identifies the item.
      `sha256:${createHash('sha256')
        .update(`${title ?? ''}\n${body}`)
        .digest('hex')}`;
    items.push({
      guid: String(guid).trim(),
      url: item.link ?? null,
      title,
      text: body || (title ?? ''),
      publishedAt: toDate(item.isoDate ?? item.pubDate),
    });
  }
  return { items, olderPageUrl: findArchiveLink(text, url) };
}

/** Parses a feed of the given kind; throws FeedParseError when the text is not one. */
export async function parseFeed(kind: FeedKind, text: string, url: string): Promise<ParsedFeed> {
  if (kind === 'telegram') {
    try {
      return parseTelegramPage(text, url);
    } catch (error) {
      throw new FeedParseError(error instanceof Error ? error.message : String(error), { cause: error });
    }
  }
  return parseXmlFeed(text, url);
}
