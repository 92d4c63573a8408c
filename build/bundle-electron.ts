/**
 * Bundles the Electron main process and preload into dist/electron (npm run build:electron).
 * - main.cjs: CommonJS because package.json is "type": "module" and electron-store 12 is
 *   ESM-only; bundling it (and zod) in avoids shipping node_modules with the desktop app.
 * - preload.cjs: one self-contained file, because a sandboxed preload can require only 'electron'.
 * 'electron' stays external in both: the runtime provides it.
 * Exits non-zero on any build error or warning, so a broken bundle never reaches electron-builder.
 */
import { build, type BuildOptions } from 'esbuild';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const outDir = path.join(root, 'dist/electron');

const shared: BuildOptions = {
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node22',
  external: ['electron'],
  sourcemap: true,
  logLevel: 'info',
  // Keeps stack traces readable; the code is not secret and size hardly matters on disk.
  minify: false,
};

const entries = [
  { entry: 'electron/main/index.ts', out: 'main.cjs' },
  { entry: 'electron/preload/index.ts', out: 'preload.cjs' },
] as const;

let failed = false;
for (const { entry, out } of entries) {
  const result = await build({
    ...shared,
    entryPoints: [path.join(root, entry)],
    outfile: path.join(outDir, out),
  });
  if (result.errors.length > 0 || result.warnings.length > 0) failed = true;
}
if (failed) {
  console.error('bundle-electron: warnings or errors above; refusing to leave a doubtful bundle');
  process.exit(1);
}
