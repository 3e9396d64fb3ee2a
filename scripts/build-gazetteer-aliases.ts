/**
 * Regenerates the `aliases_en`, `aliases_uk` and `aliases_ru` fields of data/gazetteer/hromadas.json from the codifier
 * names (see scripts/gazetteer/derive-hromada-aliases.ts for the rules). Every other field is left as copied.
 *
 *   npx tsx scripts/build-gazetteer-aliases.ts
 */
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { deriveHromadaAliases, type HromadaNames } from './gazetteer/derive-hromada-aliases.js';

const FILE = path.resolve(import.meta.dirname, '../data/gazetteer/hromadas.json');

type Row = HromadaNames & Record<string, unknown>;

async function main(): Promise<void> {
  const rows = JSON.parse(await readFile(FILE, 'utf8')) as Row[];
  const updated = rows.map((row) => {
    const { aliases_en: _oldEn, aliases_uk: _oldUk, aliases_ru: _oldRu, ...rest } = row;
    return { ...rest, ...deriveHromadaAliases(row) };
  });
  // One-space indentation, as the file was published.
  await writeFile(FILE, `${JSON.stringify(updated, null, 1)}\n`);
  const count = updated.reduce(
    (total, row) => total + row.aliases_en.length + row.aliases_uk.length + row.aliases_ru.length,
    0,
  );
  console.log(
    `wrote ${count} aliases for ${updated.length} hromadas to ${path.relative(process.cwd(), FILE)}`,
  );
}

await main();
