#!/usr/bin/env node
// Whether a corpus folder's precomputed places and facts (toponyms.json, facts.json, which the
// site embeds) were computed from the articles it holds now.
//
// `make corpus-toponyms` computes them (`factmap precompute DIR`) and then records, in
// DIR/derived-from.sha256, the SHA-256 of each article (*.txt) and of manifest.json, one
// "HASH  NAME" line each, in byte order of name. `make site`, `make e2e-site`, `make serve` and
// `make test-native` run `make corpus-derived`, which computes them again when that list no
// longer matches the folder: an article added, changed, renamed or removed, or the manifest
// edited. A change of the geoparser or the fact rules is not in the list: the native tests
// catch that (tests/geoparse.rs, tests/facts.rs), and the Pages workflow runs them before it
// deploys. build.rs computes the same list and refuses a release build of the web app whose
// corpus does not match it.
//
// Usage: node scripts/corpus-fingerprint.mjs --check DIR   exit 1 (saying why) when stale
//        node scripts/corpus-fingerprint.mjs --write DIR   record DIR as it is now
import { readFile, readdir, writeFile, rename } from 'node:fs/promises';
import { createHash } from 'node:crypto';
import { join } from 'node:path';

export const FILE = 'derived-from.sha256';
const HEADER = `# What toponyms.json and facts.json were computed from (make corpus-toponyms writes this;
# make site computes them again when it no longer matches: scripts/corpus-fingerprint.mjs).
`;

/** The "HASH  NAME" lines of the files `dir`'s precomputed data depend on. */
export async function fingerprint(dir) {
  const names = (await readdir(dir)).filter((n) => n.endsWith('.txt') || n === 'manifest.json');
  // Byte order of the UTF-8 names, as build.rs sorts them.
  names.sort((a, b) => Buffer.compare(Buffer.from(a), Buffer.from(b)));
  const lines = [];
  for (const name of names) {
    const hash = createHash('sha256').update(await readFile(join(dir, name))).digest('hex');
    lines.push(`${hash}  ${name}`);
  }
  return lines;
}

/** The lines recorded in `dir`, without comments; null when there is no record. */
export async function recorded(dir) {
  try {
    const text = await readFile(join(dir, FILE), 'utf8');
    return text.split('\n').filter((l) => l.trim() && !l.startsWith('#'));
  } catch {
    return null;
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const [mode, dir] = process.argv.slice(2);
  if (!['--check', '--write'].includes(mode) || !dir) {
    console.error('usage: corpus-fingerprint.mjs --check|--write DIR');
    process.exit(2);
  }
  const now = await fingerprint(dir);
  if (mode === '--write') {
    await writeFile(join(dir, `.${FILE}.new`), HEADER + now.join('\n') + '\n');
    await rename(join(dir, `.${FILE}.new`), join(dir, FILE));
  } else {
    const then = await recorded(dir);
    if (then === null) {
      console.error(`corpus-fingerprint: ${join(dir, FILE)} is missing: its places and facts must be computed`);
      process.exit(1);
    }
    const name = (line) => line.slice(66);
    const changed = [
      ...now.filter((l) => !then.includes(l)).map((l) => (then.some((t) => name(t) === name(l)) ? `changed ${name(l)}` : `added ${name(l)}`)),
      ...then.filter((l) => !now.some((n) => name(n) === name(l))).map((l) => `removed ${name(l)}`),
    ];
    if (changed.length) {
      console.error(`corpus-fingerprint: ${dir}'s places and facts are stale (${changed.join(', ')})`);
      process.exit(1);
    }
  }
}
