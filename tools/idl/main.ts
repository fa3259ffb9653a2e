// `npm run idl`: regenerate the protocol codecs and reference from protocol/tessera.idl.
// `npm run idl:check`: regenerate in memory and exit 1 naming every file that differs (CI), so a
// hand edit of generated code or an IDL change without regenerating cannot land.
// Exit 2: the IDL itself is wrong (errors print as file:line:col).

import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { generate } from './generate.ts';
import { IdlError } from './IdlError.ts';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const SOURCE = 'protocol/tessera.idl';

const check = process.argv.includes('--check');
let files;
try {
  files = generate(await readFile(join(ROOT, SOURCE), 'utf8'), SOURCE);
} catch (error) {
  if (!(error instanceof IdlError)) throw error;
  console.error(error.message);
  process.exit(2);
}

const stale: string[] = [];
for (const file of files) {
  const path = join(ROOT, file.path);
  const current = await readFile(path, 'utf8').catch(() => undefined);
  if (current === file.content) continue;
  stale.push(file.path);
  if (!check) {
    await mkdir(dirname(path), { recursive: true });
    await writeFile(path, file.content);
    console.log(`wrote ${file.path}`);
  }
}

if (check && stale.length > 0) {
  for (const path of stale) console.error(`${path} is stale: run \`npm run idl\` (generated from ${SOURCE})`);
  process.exit(1);
}
if (stale.length === 0) console.log(`${files.map((file) => file.path).join(', ')} up to date`);
