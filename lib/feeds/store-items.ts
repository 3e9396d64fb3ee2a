/**
 * The processor stage: parsed items become Reports. Each item is upserted by (source, guid):
 *
 * - a new guid is extracted and inserted;
 * - a known guid with the same content is left alone;
 * - a known guid with different content (an edited post) keeps its previous text and extractions in
 *   `revisions` and gets the new text with a fresh extraction: a revision, never a duplicate.
 *
 * Every inserted or changed report is marked `pendingTally` with the slots it fed before, in the same
 * atomic write as its text, so the tallies can always be brought up to date later even if the process
 * dies right after this write. A report whose text another source already published is linked to it
 * through `relayOf`.
 */
import type { Types } from 'mongoose';
import type { AnyBulkWriteOperation } from 'mongoose';
import type { Language } from '../../domain/extraction/types.js';
import { Report } from '../../models/report.model.js';
import type { ReportFields } from '../../models/report.model.js';
import type { FeedItem } from './feed-item.js';
import { extractItem, listDays, listSlots } from './extract-item.js';
import type { ExtractionContext } from './extract-item.js';
import { hashContent, hashText } from './hash-content.js';

export interface SourceIdentity {
  key: string;
  region: string | null;
  language: Language | null;
}

export interface StoreOutcome {
  itemsNew: number;
  itemsChanged: number;
  itemsUnchanged: number;
  /** Items dropped because an earlier item of the same feed had the same guid. */
  duplicateGuids: number;
}

/** The first item of each guid; feeds list their newest version of an item first. */
function dropDuplicateGuids(items: readonly FeedItem[]): FeedItem[] {
  const seen = new Set<string>();
  return items.filter((item) => {
    if (seen.has(item.guid)) return false;
    seen.add(item.guid);
    return true;
  });
}

async function findRelayOriginals(
  source: string,
  textHashes: string[],
): Promise<Map<string, Types.ObjectId>> {
  if (textHashes.length === 0) return new Map();
  const originals = await Report.find(
    { textHash: { $in: textHashes }, source: { $ne: source } },
    { _id: 1, textHash: 1, publishedAt: 1 },
  )
    .sort({ publishedAt: 1, _id: 1 })
    .lean();
  const byHash = new Map<string, Types.ObjectId>();
  for (const original of originals) {
    if (original.textHash && !byHash.has(original.textHash)) byHash.set(original.textHash, original._id);
  }
  return byHash;
}

export async function storeFeedItems(
  source: SourceIdentity,
  items: readonly FeedItem[],
  options: { now: Date; extraction?: Partial<ExtractionContext> },
): Promise<StoreOutcome> {
  const unique = dropDuplicateGuids(items);
  const outcome: StoreOutcome = {
    itemsNew: 0,
    itemsChanged: 0,
    itemsUnchanged: 0,
    duplicateGuids: items.length - unique.length,
  };
  if (unique.length === 0) return outcome;

  const existing = new Map(
    (
      await Report.find(
        { source: source.key, guid: { $in: unique.map((item) => item.guid) } },
        { guid: 1, title: 1, text: 1, contentHash: 1, extractions: 1, slots: 1, publishedAt: 1 },
      ).lean()
    ).map((report) => [report.guid, report]),
  );
  const context: ExtractionContext = {
    sourceRegion: source.region,
    language: source.language,
    now: options.now,
    ...options.extraction,
  };

  const fresh: FeedItem[] = [];
  const changed: Array<{ item: FeedItem; previous: NonNullable<ReturnType<typeof existing.get>> }> = [];
  for (const item of unique) {
    const previous = existing.get(item.guid);
    if (!previous) fresh.push(item);
    else if (previous.contentHash !== hashContent(item.title, item.text)) changed.push({ item, previous });
    else outcome.itemsUnchanged += 1;
  }
  const relayOriginals = await findRelayOriginals(
    source.key,
    [...fresh, ...changed.map((entry) => entry.item)].map((item) => hashText(item.text)),
  );

  const operations: AnyBulkWriteOperation<ReportFields>[] = [];
  /** The fields a fetch of `item` sets on its report, new or edited: its content, its extraction, its slots. */
  const describeContent = (item: FeedItem, publishedAt: Date) => {
    const contentHash = hashContent(item.title, item.text);
    const textHash = hashText(item.text);
    const extraction = extractItem({ text: item.text, title: item.title, publishedAt, contentHash }, context);
    const slots = listSlots(extraction.reports);
    return {
      url: item.url,
      title: item.title,
      text: item.text,
      publishedAt,
      fetchedAt: options.now,
      contentHash,
      textHash,
      relayOf: relayOriginals.get(textHash) ?? null,
      extractions: [extraction],
      slots,
      days: listDays(slots),
      pendingTally: true,
    };
  };
  for (const item of fresh) {
    operations.push({
      updateOne: {
        filter: { source: source.key, guid: item.guid },
        // $setOnInsert: a rerun after a crash finds the report there and changes nothing.
        update: {
          $setOnInsert: {
            source: source.key,
            guid: item.guid,
            ...describeContent(item, item.publishedAt ?? options.now),
            revisions: [],
            staleSlots: [],
          },
        },
        upsert: true,
      },
    });
  }
  for (const { item, previous } of changed) {
    operations.push({
      updateOne: {
        // Matching the old hash makes the write happen once even if two runs raced on the same item.
        filter: { source: source.key, guid: item.guid, contentHash: previous.contentHash },
        update: {
          $set: {
            ...describeContent(item, item.publishedAt ?? previous.publishedAt),
            staleSlots: previous.slots,
          },
          $push: {
            revisions: {
              seenAt: options.now,
              title: previous.title,
              text: previous.text,
              contentHash: previous.contentHash,
              extractions: previous.extractions,
            },
          },
        },
      },
    });
  }
  if (operations.length > 0) {
    const result = await Report.bulkWrite(operations, { ordered: false });
    outcome.itemsNew = result.upsertedCount;
    outcome.itemsChanged = result.modifiedCount;
    // An insert that found the report already there (a rerun) counts as unchanged.
    outcome.itemsUnchanged += fresh.length - result.upsertedCount + (changed.length - result.modifiedCount);
  }
  return outcome;
}
