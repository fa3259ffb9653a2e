// Reads two builds from disk: every file with its raw and wire size, and what differs between them
// (new names, same names with new content, identical files). Independent of the browser: this is
// what an ideal update would download.

import { readdir, readFile } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';
import type { BuiltFile } from './UpdateRow.ts';

export interface BuildListing {
  readonly dir: string;
  /** Served files by path (forward slashes), .gz files folded into their original's wire size. */
  readonly files: ReadonlyMap<string, BuiltFile>;
}

export async function listBuild(dir: string): Promise<BuildListing> {
  const paths: string[] = [];
  for (const entry of await readdir(dir, { recursive: true, withFileTypes: true })) {
    if (entry.isFile()) paths.push(relative(dir, join(entry.parentPath, entry.name)).split(sep).join('/'));
  }
  const present = new Set(paths);
  const files = new Map<string, BuiltFile>();
  for (const path of paths.sort()) {
    if (path.endsWith('.gz') && present.has(path.slice(0, -3))) continue;
    const bytes = (await readFile(join(dir, path))).byteLength;
    const gz = present.has(`${path}.gz`) ? (await readFile(join(dir, `${path}.gz`))).byteLength : null;
    files.set(path, { path, bytes, wire_bytes: gz ?? bytes });
  }
  return { dir, files };
}

export interface BuildComparison {
  /** Names only the second build has: the changed assets. */
  readonly added: readonly BuiltFile[];
  /** Names only the first build has. */
  readonly removed: readonly string[];
  /** Same name, different bytes. */
  readonly rewritten: readonly string[];
  /** Same name, same bytes. */
  readonly identical: readonly string[];
}

export async function compareBuilds(before: BuildListing, after: BuildListing): Promise<BuildComparison> {
  const added: BuiltFile[] = [];
  const rewritten: string[] = [];
  const identical: string[] = [];
  for (const [path, file] of after.files) {
    if (!before.files.has(path)) added.push(file);
    else if ((await readFile(join(before.dir, path))).equals(await readFile(join(after.dir, path)))) identical.push(path);
    else rewritten.push(path);
  }
  const removed = [...before.files.keys()].filter((path) => !after.files.has(path));
  return { added, removed, rewritten, identical };
}

/** The precache list injected into sw.js (tools/buildServiceWorker.ts): the shell's paths. */
export async function precachePaths(build: BuildListing): Promise<string[]> {
  const script = await readFile(join(build.dir, 'sw.js'), 'utf8');
  const paths = [...script.matchAll(/\{"bytes":\d+,"revision":(?:null|"[0-9a-f]+"),"url":"([^"]+)"\}/g)].map((m) => m[1]!);
  if (paths.length === 0) throw new Error(`no precache list found in ${join(build.dir, 'sw.js')}: has the injected manifest's format changed?`);
  return paths;
}
