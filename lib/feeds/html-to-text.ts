/**
 * Plain text from an HTML fragment (an RSS description, a Telegram post), keeping the paragraph and line
 * structure the extractor reads sentences and lists from.
 */
import { load } from 'cheerio';

const BLOCK_TAGS = 'p, div, li, h1, h2, h3, h4, h5, h6, blockquote, tr';

export function convertHtmlToText(html: string): string {
  if (!/[<&]/.test(html)) return html.trim();
  const $ = load(`<body>${html}</body>`);
  $('script, style').remove();
  $('br').replaceWith('\n');
  $(BLOCK_TAGS).each((_, element) => {
    $(element).prepend('\n').append('\n');
  });
  return $('body')
    .text()
    .replace(/\u00a0/g, ' ')
    .replace(/[ \t]+\n/g, '\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}
