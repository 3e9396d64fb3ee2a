/**
 * Parses a public Telegram channel page (`https://t.me/s/<channel>`): the HTML Telegram serves to browsers,
 * with the latest posts oldest first. Each post keeps its own id (`channel/123`) as its guid and its
 * timestamp as its publication time. The page for older posts is `?before=<lowest id on this page>`.
 */
import { load } from 'cheerio';
import type { FeedItem, ParsedFeed } from './feed-item.js';
import { convertHtmlToText } from './html-to-text.js';

export class TelegramPageError extends Error {}

export function parseTelegramPage(html: string, pageUrl: string): ParsedFeed {
  const $ = load(html);
  const posts = $('.tgme_widget_message[data-post]');
  if (
    posts.length === 0 &&
    $('.tgme_channel_info, .tgme_page_title, .tgme_widget_message_wrap').length === 0
  ) {
    throw new TelegramPageError('Not a Telegram channel page: no channel header and no posts.');
  }
  const items: FeedItem[] = [];
  let lowestId: number | null = null;
  posts.each((_, element) => {
    const post = $(element);
    const guid = post.attr('data-post') ?? '';
    const id = Number(/\/(\d+)$/.exec(guid)?.[1]);
    if (!guid || !Number.isFinite(id)) return;
    if (lowestId === null || id < lowestId) lowestId = id;
    const textHtml = post.find('.tgme_widget_message_text').first().html();
    // Photos or videos without a caption carry nothing to extract.
    if (textHtml === null) return;
    const text = convertHtmlToText(textHtml);
    if (!text) return;
    const datetime = post.find('.tgme_widget_message_date time[datetime]').first().attr('datetime');
    const published = datetime ? new Date(datetime) : null;
    const href = post.find('a.tgme_widget_message_date').first().attr('href') ?? null;
    items.push({
      guid,
      url: href ?? `https://t.me/${guid}`,
      title: null,
      text,
      publishedAt: published && !Number.isNaN(published.getTime()) ? published : null,
    });
  });
  let olderPageUrl: string | null = null;
  if (lowestId !== null && lowestId > 1) {
    const next = new URL(pageUrl);
    next.searchParams.set('before', String(lowestId));
    olderPageUrl = next.href;
  }
  return { items, olderPageUrl };
}
