import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from '@playwright/test';
import { build } from 'vite';
import type { FirstSyncFigures, SearchFigures } from './search-workload';

const PAGE_ROOT = fileURLToPath(new URL('./browser', import.meta.url));
/** Seeding 60,000 tickets into IndexedDB and indexing them takes minutes on this machine; a hung page must not hang the run. */
const PAGE_TIMEOUT_MS = 20 * 60_000;

/** The e2e launch of Debian's Chromium (playwright.config.ts), plus what the heap figures need. */
const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--enable-precise-memory-info', '--js-flags=--expose-gc'];

/**
 * Builds the benchmark page (test/bench/browser: the search workload on RxDB's Dexie storage)
 * with Vite, serves it from loopback, and runs it in headless Chromium: the console's search
 * code on the console's real storage, IndexedDB.
 */
export async function searchInChromium(options: { firstSyncOnly?: boolean } = {}): Promise<{ figures: SearchFigures[]; firstSync: FirstSyncFigures }> {
  const outDir = fs.mkdtempSync(path.join(os.tmpdir(), 'tierdesk-bench-search-'));
  const server = http.createServer((request, response) => {
    const file = path.join(outDir, path.normalize(decodeURIComponent(new URL(request.url ?? '/', 'http://x').pathname)).replace(/^([/\\])+/, '') || 'index.html');
    if (!file.startsWith(outDir) || !fs.existsSync(file) || fs.statSync(file).isDirectory()) {
      response.writeHead(404).end();
      return;
    }
    response.writeHead(200, { 'content-type': file.endsWith('.js') ? 'text/javascript' : 'text/html; charset=utf-8' }).end(fs.readFileSync(file));
  });
  const browser = await chromium.launch({ executablePath: process.env.TIERDESK_CHROMIUM ?? '/usr/bin/chromium', args: CHROMIUM_ARGS });
  try {
    await build({ root: PAGE_ROOT, base: './', logLevel: 'warn', configFile: false, build: { outDir, emptyOutDir: true, assetsInlineLimit: 0, chunkSizeWarningLimit: 2048 } });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as { port: number };
    const page = await browser.newPage();
    page.on('pageerror', (error) => console.error(`  page error: ${error.message}`));
    // SEARCH_CPU_PROFILE=<file>: a CPU profile of the page's whole run (DevTools' format), to see where the time goes.
    const profileFile = process.env.SEARCH_CPU_PROFILE;
    const cdp = profileFile ? await page.context().newCDPSession(page) : null;
    if (cdp) {
      await cdp.send('Profiler.enable');
      await cdp.send('Profiler.setSamplingInterval', { interval: 500 });
      await cdp.send('Profiler.start');
    }
    await page.goto(`http://127.0.0.1:${port}/index.html${options.firstSyncOnly ? '?only=first-sync' : ''}`);
    await page.waitForFunction(() => (window as unknown as { __searchBench?: unknown }).__searchBench !== undefined, undefined, { timeout: PAGE_TIMEOUT_MS, polling: 1_000 });
    if (cdp && profileFile) {
      const { profile } = await cdp.send('Profiler.stop');
      fs.writeFileSync(profileFile, JSON.stringify(profile));
      console.log(`  CPU profile of the page written to ${profileFile}`);
    }
    const result = await page.evaluate(() => (window as unknown as { __searchBench: { figures: SearchFigures[]; firstSync: FirstSyncFigures } | { error: string } }).__searchBench);
    if ('error' in result) throw new Error(`the benchmark page failed: ${result.error}`);
    return result;
  } finally {
    await browser.close();
    server.close();
    fs.rmSync(outDir, { recursive: true, force: true });
  }
}
