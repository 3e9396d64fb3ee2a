/** The source list with each source's fetch health, and the admin writes that add or change a source. */
import { ConflictError, NotFoundError, isDuplicateKeyError } from '../../lib/errors.js';
import { Source } from '../../models/source.model.js';
import type { SourceFields } from '../../models/source.model.js';

function toIso(date: Date | null | undefined): string | null {
  return date ? date.toISOString() : null;
}

export function toSourceView(source: SourceFields) {
  return {
    key: source.key,
    name: source.name,
    region: source.region ?? null,
    url: source.url ?? null,
    kind: source.kind,
    language: source.language,
    official: source.official,
    enabled: source.enabled,
    health: {
      lastFetchedAt: toIso(source.lastFetchedAt),
      lastSuccessAt: toIso(source.lastSuccessAt),
      consecutiveFailures: source.consecutiveFailures,
      lastError: source.lastError ?? null,
      nextAttemptAt: toIso(source.nextAttemptAt),
    },
  };
}

export type SourceView = ReturnType<typeof toSourceView>;

export async function listSources(): Promise<{ sources: SourceView[] }> {
  const sources = await Source.find({}).sort({ key: 1 }).lean();
  return { sources: sources.map(toSourceView) };
}

export interface NewSource {
  key: string;
  name: string;
  region: string | null;
  url: string;
  kind: SourceFields['kind'];
  language: SourceFields['language'];
  official: boolean;
  enabled: boolean;
}

export async function createSource(input: NewSource): Promise<SourceView> {
  try {
    const created = await Source.create(input);
    return toSourceView(created.toObject());
  } catch (error) {
    if (isDuplicateKeyError(error)) {
      throw new ConflictError(`A source with key "${input.key}" already exists.`, {
        details: { key: input.key },
      });
    }
    throw error;
  }
}

export async function updateSource(
  key: string,
  changes: Partial<Omit<NewSource, 'key'>>,
): Promise<SourceView> {
  const updated = await Source.findOneAndUpdate(
    { key },
    { $set: changes },
    { returnDocument: 'after', runValidators: true },
  ).lean();
  if (!updated) throw new NotFoundError(`No source with key "${key}".`);
  return toSourceView(updated);
}
