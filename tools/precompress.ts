// Writes name.gz beside each compressible file of a build (maximum compression, once, at build
// time) so the server sends gzip without compressing per request. Media is left alone: PNG and
// audio are compressed already, and Range requests need the plain bytes.

import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

const COMPRESSIBLE = /\.(html|js|css|json|webmanifest|wasm|svg|txt)$/;

export async function precompress(dir: string): Promise<number> {
  let written = 0;
  for (const entry of await readdir(dir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile() || !COMPRESSIBLE.test(entry.name)) continue;
    const file = join(entry.parentPath, entry.name);
    await writeFile(`${file}.gz`, gzipSync(await readFile(file), { level: 9 }));
    written++;
  }
  return written;
}

if (import.meta.url === `file://${process.argv[1]}`) console.log(`precompressed ${await precompress(process.argv[2] ?? 'dist')} files`);
