/** What the parsers produce, whatever the format: one post or article, before it becomes a Report. */
export interface FeedItem {
  /** The item's own id: the feed's guid/id, the link when there is none, the post id on Telegram. */
  guid: string;
  url: string | null;
  title: string | null;
  /** Plain text, HTML removed, paragraphs and line breaks kept as newlines. */
  text: string;
  /** Null when the feed gave no usable date; the processor then uses the fetch time. */
  publishedAt: Date | null;
}

export interface ParsedFeed {
  items: FeedItem[];
  /** For paged sources (Telegram pages): the URL of the next older page, if there is one. */
  olderPageUrl: string | null;
}
