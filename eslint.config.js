import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';

/** Who may import whom (ARCHITECTURE.md): renderer and server never import each other or electron; core imports nobody. */
const boundary = (forbidden, why) => ({
  'no-restricted-imports': ['error', { patterns: forbidden.map((dir) => ({ group: [`**/${dir}/**`], message: why })) }],
});

export default tseslint.config(
  { ignores: ['dist/**', 'release/**', 'node_modules/**', 'test-results/**', 'playwright-report/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_' }],
      'no-restricted-syntax': ['error', { selector: 'ExportDefaultDeclaration', message: 'Use named exports.' }],
    },
  },
  { files: ['core/**'], rules: boundary(['server', 'renderer', 'electron'], 'core/ is runtime-neutral: it imports no other layer.') },
  { files: ['renderer/**'], rules: boundary(['server', 'electron'], 'renderer/ talks to the server over HTTP and sockets only, and to Electron through window.desktop.') },
  { files: ['server/**'], rules: boundary(['renderer', 'electron'], 'server/ never imports the console or the desktop shell.') },
  // The write side knows nothing of transport: features commit and announce through listeners
  // that the composition root (server/app.ts) wires to server/realtime/.
  {
    files: ['server/features/**'],
    rules: boundary(['renderer', 'electron', 'realtime', 'http', 'smtp'], 'features/ is the write side: sockets, rooms, HTTP and SMTP (realtime/, http/, smtp/) call it, never the reverse.'),
  },
  {
    files: ['server/sync/**'],
    rules: boundary(['renderer', 'electron', 'realtime', 'http', 'smtp', 'features'], 'sync/ is below the features: it imports neither them nor the transport.'),
  },
  {
    files: ['server/store/**'],
    rules: boundary(['renderer', 'electron', 'realtime', 'http', 'smtp', 'features', 'sync'], 'store/ is the bottom of the server: sync/ and everything above import it, never the reverse.'),
  },
  { files: ['electron/**'], rules: boundary(['server', 'renderer'], 'electron/ is a thin shell: it imports core only.') },
  {
    // Tests and config files may use loose JSON from responses and default exports required by tools.
    files: ['test/**', '**/*.test.ts', '**/*.test.tsx', '*.config.ts', '*.config.js', '**/vite.config.ts'],
    rules: { '@typescript-eslint/no-explicit-any': 'off', 'no-restricted-syntax': 'off' },
  },
);
