// Builds the game (the app, its service worker and the .gz files: what `npm run build:web` puts in
// dist/, minus the library) into a folder of your choice, from a copy of the working tree with
// exactly one small change applied: a fixture for "v2" in update tests and the update bench.
// The working tree is never written to. Each build runs in a fresh temporary copy under
// os.tmpdir() (not under the project: a dev server watching it would see hundreds of files, and
// index.html files, appear), with node_modules symlinked, by the project's own commands run there:
// `vite build`, `tools/buildServiceWorker.ts dist`, `tools/precompress.ts dist`, and for `wasm`
// also `asc assembly/index.ts --target release`. Relative paths only, so two copies of the same
// sources give byte-identical builds with identical names (checked by bench/update), equal to
// `npm run build:web`'s dist/ minus dist/lib when the working tree has not changed in between.
// Several variants meant to differ by their change alone should share one snapshotSources() copy:
// the working tree may change between two calls (someone editing, a git checkout).
//
// Cost (2 cores, Node 20): about 3 s for none/texture/js and 5-7 s for wasm (asc recompiles the
// sim), up to twice that while other builds or tests load the machine; copying the sources (about
// 250 files, 1 MB) takes well under a second. The copy is deleted afterwards (KEEP_VARIANT_TEMP=1
// on the command line keeps it). The texture change re-encodes tiles.png with pngjs, which
// compresses less well than the original: the new file is a few KB larger.
//
//   npx tsx tools/buildVariant.ts <none|wasm|texture|js> <outDir>

import { execFile } from 'node:child_process';
import { cp, mkdir, mkdtemp, readFile, rm, stat, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { PNG } from 'pngjs';

const run = promisify(execFile);

export type VariantChange = 'none' | 'wasm' | 'texture' | 'js';

export const variantChanges: readonly VariantChange[] = ['none', 'wasm', 'texture', 'js'];

export function isVariantChange(name: string): name is VariantChange {
  return (variantChanges as readonly string[]).includes(name);
}

/** What one change edits, relative to the project root, and which built asset it should rename. */
export const variantSources: Readonly<Record<Exclude<VariantChange, 'none'>, { source: string; asset: string }>> = {
  wasm: { source: 'assembly/index.ts', asset: 'tessera.wasm' },
  texture: { source: 'assets/textures/tiles.png', asset: 'textures/tiles.png' },
  js: { source: 'web/render/palette.ts', asset: 'engine.js' },
};

export interface VariantBuild {
  change: VariantChange;
  /** Absolute path of the finished build. */
  outDir: string;
  /** The source file the change edited (project-relative), null for `none`. */
  changedSource: string | null;
  /** Wall-clock seconds of the whole call. */
  seconds: number;
}

export interface BuildVariantOptions {
  /** Project to copy (default: the one this file belongs to); its node_modules is used as is. */
  projectRoot?: string;
  /**
   * Build from this snapshot (snapshotSources) instead of the working tree as it is now: several
   * variants then share one state of the sources even while someone keeps editing.
   */
  sources?: SourceSnapshot;
  /** Keep the temporary copy (its path is logged) to inspect a failing build. */
  keepTemp?: boolean;
}

/** A frozen copy of the project's sources and build/tessera.wasm, for several buildVariant calls. */
export interface SourceSnapshot {
  readonly dir: string;
  /** Deletes the copy. */
  dispose(): Promise<void>;
}

const thisProject = resolve(dirname(fileURLToPath(import.meta.url)), '..');

/**
 * Copies the working tree's sources (tracked files and untracked ones git does not ignore) and
 * build/tessera.wasm into a temporary folder, once. Needs build/tessera.wasm (`npm run build:sim`).
 */
export async function snapshotSources(projectRoot: string = thisProject): Promise<SourceSnapshot> {
  const wasm = join(projectRoot, 'build', 'tessera.wasm');
  if (!(await exists(wasm))) throw new Error(`${wasm} is missing: run "npm run build:sim" in ${projectRoot} first`);
  const dir = await mkdtemp(join(tmpdir(), 'tessera-sources-'));
  try {
    await copyWorkingTree(projectRoot, dir);
    await mkdir(join(dir, 'build'), { recursive: true });
    await cp(wasm, join(dir, 'build', 'tessera.wasm'));
  } catch (err) {
    await rm(dir, { recursive: true, force: true });
    throw err;
  }
  return { dir, dispose: () => rm(dir, { recursive: true, force: true }) };
}

/**
 * Builds the app with `change` applied into `outDir` (replaced if it exists), from the working tree
 * as it is now or from `options.sources`. Needs build/tessera.wasm (`npm run build:sim`) unless
 * `change` is `wasm`, which compiles its own.
 */
export async function buildVariant(change: VariantChange, outDir: string, options: BuildVariantOptions = {}): Promise<VariantBuild> {
  const started = performance.now();
  const root = options.projectRoot ?? thisProject;
  const target = resolve(outDir);
  const wasm = options.sources ? join(options.sources.dir, 'build', 'tessera.wasm') : join(root, 'build', 'tessera.wasm');
  if (change !== 'wasm' && !(await exists(wasm))) {
    throw new Error(`buildVariant('${change}'): ${wasm} is missing; run "npm run build:sim" in ${root} first (only the wasm variant compiles the sim itself)`);
  }
  const work = await mkdtemp(join(tmpdir(), `tessera-variant-${change}-`));
  try {
    if (options.sources) await cp(options.sources.dir, work, { recursive: true });
    else await copyWorkingTree(root, work);
    await symlink(join(root, 'node_modules'), join(work, 'node_modules'), 'dir');
    const changedSource = await applyChange(change, work);
    const bin = (name: string): string => join(root, 'node_modules', '.bin', name);
    const inWork = async (file: string, args: string[]): Promise<void> => {
      try {
        await run(file, args, { cwd: work, env: { ...process.env, NODE_ENV: 'production', NO_COLOR: '1', FORCE_COLOR: '0' }, maxBuffer: 16 * 1024 * 1024 });
      } catch (err) {
        const e = err as Error & { stdout?: string; stderr?: string };
        const output = `${e.stderr ?? ''}${e.stdout ?? ''}`.trim();
        throw new Error(`buildVariant('${change}'): ${[file, ...args].join(' ')} failed in a copy of ${options.sources ? 'a snapshot of ' : ''}${root}:\n${output === '' ? e.message : output}`);
      }
    };
    if (change === 'wasm') {
      await inWork(bin('asc'), ['assembly/index.ts', '--target', 'release']);
    } else if (!options.sources) {
      await mkdir(join(work, 'build'), { recursive: true });
      await cp(wasm, join(work, 'build', 'tessera.wasm'));
    }
    // The same steps, in the same order and with the same relative paths, as `npm run build:web`.
    await inWork(bin('vite'), ['build', '--logLevel', 'warn']);
    await inWork(bin('tsx'), ['tools/buildServiceWorker.ts', 'dist']);
    await inWork(bin('tsx'), ['tools/precompress.ts', 'dist']);
    await rm(target, { recursive: true, force: true });
    await mkdir(dirname(target), { recursive: true });
    await cp(join(work, 'dist'), target, { recursive: true });
    return { change, outDir: target, changedSource, seconds: (performance.now() - started) / 1000 };
  } finally {
    if (options.keepTemp) console.error(`buildVariant('${change}'): temporary copy kept at ${work}`);
    else await rm(work, { recursive: true, force: true });
  }
}

/** Tracked files plus untracked ones that are not ignored; files deleted in the working tree are skipped. */
async function copyWorkingTree(root: string, work: string): Promise<void> {
  const { stdout } = await run('git', ['ls-files', '-z', '--cached', '--others', '--exclude-standard'], { cwd: root, maxBuffer: 64 * 1024 * 1024 });
  // node_modules is linked, never copied (a symlinked node_modules is not matched by `node_modules/`).
  const files = [...new Set(stdout.split('\0'))].filter((f) => f !== '' && f !== 'node_modules' && !f.startsWith('node_modules/'));
  await Promise.all(
    files.map(async (file) => {
      const from = join(root, file);
      if (!(await exists(from))) return;
      await mkdir(dirname(join(work, file)), { recursive: true });
      await cp(from, join(work, file));
    }),
  );
}

async function applyChange(change: VariantChange, work: string): Promise<string | null> {
  if (change === 'none') return null;
  const { source } = variantSources[change];
  const file = join(work, source);
  if (change === 'wasm') {
    // An exported global nobody reads: new wasm bytes, same game.
    await writeFile(file, `${await readFile(file, 'utf8')}\n/** Marks an update-test build (tools/buildVariant.ts). */\nexport const UPDATE_VARIANT: i32 = 2;\n`);
  } else if (change === 'texture') {
    // A small square of the tile atlas's top-left corner, inverted.
    const png = PNG.sync.read(await readFile(file));
    for (let y = 0; y < Math.min(4, png.height); y++) {
      for (let x = 0; x < Math.min(4, png.width); x++) {
        const i = (y * png.width + x) * 4;
        for (let c = 0; c < 3; c++) png.data[i + c] = 255 - png.data[i + c]!;
      }
    }
    await writeFile(file, PNG.sync.write(png));
  } else {
    // One value in the body palette (engine side only): the grey of unused look ids.
    const text = await readFile(file, 'utf8');
    const changed = text.replace("'#cccccc'", "'#cbcbcb'");
    if (changed === text) throw new Error(`buildVariant('js'): ${source} no longer contains '#cccccc'; pick another value to change`);
    await writeFile(file, changed);
  }
  return source;
}

async function exists(path: string): Promise<boolean> {
  return stat(path).then(
    () => true,
    () => false,
  );
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const [change, outDir] = process.argv.slice(2);
  if (change === undefined || !isVariantChange(change) || outDir === undefined) {
    console.error(`usage: tsx tools/buildVariant.ts <${variantChanges.join('|')}> <outDir>`);
    process.exit(2);
  }
  const built = await buildVariant(change, outDir, { keepTemp: process.env['KEEP_VARIANT_TEMP'] === '1' });
  console.log(`${built.change}: ${built.outDir}${built.changedSource ? ` (changed ${built.changedSource})` : ''} in ${built.seconds.toFixed(1)} s`);
}
