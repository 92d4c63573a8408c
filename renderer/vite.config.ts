import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

const rendererRoot = fileURLToPath(new URL('.', import.meta.url));

/** Where `vite dev` forwards API and socket traffic; the built console talks to its own origin. */
const devServerTarget = process.env.TIERDESK_DEV_SERVER ?? 'http://localhost:8080';

// Vite only reads a default export; this is the one place the no-default-exports rule yields.
export default defineConfig({
  root: rendererRoot,
  // Relative asset URLs: Electron loads the build from file://, the server from its own origin.
  base: './',
  plugins: [react()],
  build: {
    outDir: fileURLToPath(new URL('../dist/renderer', import.meta.url)),
    emptyOutDir: true,
    // The CSP forbids inline scripts; never inline assets as data: URLs either.
    assetsInlineLimit: 0,
    // One offline-first app, loaded once and cached (from disk in Electron): RxDB, zod and
    // socket.io make ~750 kB minified, and splitting it would not make the console start sooner.
    chunkSizeWarningLimit: 1024,
  },
  server: {
    proxy: {
      '/api': devServerTarget,
      '/socket.io': { target: devServerTarget, ws: true },
    },
  },
});
