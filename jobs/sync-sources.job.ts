/**
 * Upserts the seed sources from SOURCES_FILE into the sources collection. It runs on start and on its
 * schedule, so edits to the file or to RSS_BRIDGE_URL reach the database without a migration.
 *
 * Descriptive fields (name, URL, kind, ...) follow the file. `enabled` and the fetch state are set only
 * when a source is first created, so a source disabled in the database stays disabled and its fetch
 * history survives. Sources in the database but no longer in the file are left alone and counted.
 */
import { readFile } from 'node:fs/promises';
import { z } from 'zod';
import type { AppConfig } from '../lib/config.js';
import { ConfigError } from '../lib/errors.js';
import { SOURCE_KINDS, SOURCE_LANGUAGES, Source } from '../models/source.model.js';
import type { Job } from './job.js';

const commonFields = {
  key: z.string().regex(/^[a-z0-9][a-z0-9-]*$/),
  name: z.string().min(1),
  region: z.string().nullable(),
  language: z.enum(SOURCE_LANGUAGES),
  official: z.boolean(),
  enabled: z.boolean(),
};

const seedSourceSchema = z.union([
  z.object({ ...commonFields, telegram: z.string().min(1).nullable() }).strict(),
  z.object({ ...commonFields, url: z.url(), kind: z.enum(SOURCE_KINDS) }).strict(),
]);

const seedFileSchema = z.object({ about: z.string().optional(), sources: z.array(seedSourceSchema) });

export type SeedSource = z.infer<typeof seedSourceSchema>;

export interface ResolvedSource {
  key: string;
  name: string;
  region: string | null;
  url: string | null;
  kind: (typeof SOURCE_KINDS)[number];
  handle: string | null;
  language: (typeof SOURCE_LANGUAGES)[number];
  official: boolean;
  enabled: boolean;
}

/** Reads and validates the seed file; a bad file is a configuration error naming the problem. */
export async function readSeedSources(file: string): Promise<SeedSource[]> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(await readFile(file, 'utf8'));
  } catch (error) {
    throw new ConfigError(`SOURCES_FILE: cannot read ${file} as JSON`, { cause: error });
  }
  const result = seedFileSchema.safeParse(parsed);
  if (!result.success) {
    throw new ConfigError(`SOURCES_FILE: ${file} is invalid: ${z.prettifyError(result.error)}`);
  }
  const keys = new Set<string>();
  for (const source of result.data.sources) {
    if (keys.has(source.key)) throw new ConfigError(`SOURCES_FILE: the key "${source.key}" appears twice`);
    keys.add(source.key);
  }
  return result.data.sources;
}

/** Turns a seed entry into a source document, building Telegram URLs from the bridge setting. */
export function resolveSeedSource(
  seed: SeedSource,
  config: Pick<AppConfig, 'RSS_BRIDGE_URL' | 'TELEGRAM_SOURCE_MODE'>,
): ResolvedSource {
  const common = {
    key: seed.key,
    name: seed.name,
    region: seed.region,
    language: seed.language,
    official: seed.official,
  };
  if ('url' in seed)
    return { ...common, url: seed.url, kind: seed.kind, handle: null, enabled: seed.enabled };

  const handle = seed.telegram;
  // A channel whose real handle is unknown cannot be fetched, whatever the file says.
  if (handle === null) return { ...common, url: null, kind: 'rss', handle: null, enabled: false };
  if (config.TELEGRAM_SOURCE_MODE === 'public-page') {
    return { ...common, url: `https://t.me/s/${handle}`, kind: 'telegram', handle, enabled: seed.enabled };
  }
  const url = `${config.RSS_BRIDGE_URL}/telegram/channel/${encodeURIComponent(handle)}`;
  return { ...common, url, kind: 'rss', handle, enabled: seed.enabled };
}

/** Upserts the resolved sources by key; running it twice inserts nothing the second time. */
export async function upsertSources(
  sources: ResolvedSource[],
): Promise<{ inserted: number; existing: number }> {
  if (sources.length === 0) return { inserted: 0, existing: 0 };
  const result = await Source.bulkWrite(
    sources.map(({ enabled, ...fields }) => ({
      updateOne: {
        filter: { key: fields.key },
        update: { $set: fields, $setOnInsert: { enabled } },
        upsert: true,
      },
    })),
    { ordered: false },
  );
  return { inserted: result.upsertedCount, existing: result.matchedCount };
}

export const syncSourcesJob: Job = {
  name: 'sync-sources',
  schedule: (config) => config.SYNC_SOURCES_SCHEDULE,
  async run({ config }) {
    const seeds = await readSeedSources(config.SOURCES_FILE);
    const resolved = seeds.map((seed) => resolveSeedSource(seed, config));
    const { inserted, existing } = await upsertSources(resolved);
    const notInFile = await Source.countDocuments({ key: { $nin: resolved.map((source) => source.key) } });
    return { sources: resolved.length, inserted, existing, notInFile };
  },
};
