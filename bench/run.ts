/**
 * `npm run bench [-- name-filter]`: runs every `bench/*.bench.ts` in turn. Each prints its figures as
 * ratios against a baseline measured in the same run.
 */
import { readdir } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { Benchmark } from './harness.js';

const benchDir = path.dirname(fileURLToPath(import.meta.url));
const filter = process.argv[2];

const files = (await readdir(benchDir)).filter((f) => f.endsWith('.bench.ts')).sort();
for (const file of files) {
  if (filter && !file.includes(filter)) continue;
  const mod = (await import(pathToFileURL(path.join(benchDir, file)).href)) as { benchmark: Benchmark };
  console.log(`\n# ${mod.benchmark.name} (${file})`);
  await mod.benchmark.run();
}
