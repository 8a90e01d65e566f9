// @ts-check
import js from '@eslint/js';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';

/**
 * The architecture's dependency rules (DESIGN.md "The shape") are lint rules, so a forbidden import
 * fails CI rather than a review. test/lint/dependency-rules.test.ts proves each one bites.
 */
const folder = (name) => `(^|/)${name}(/|$)`;
const forbid = (name, why) => ({ regex: folder(name), message: why });

// Node's modules by bare name (exact matches, so a sibling file named ./http is not caught) and by node: prefix.
const NODE_BUILTINS = [
  'fs',
  'path',
  'os',
  'crypto',
  'child_process',
  'http',
  'https',
  'net',
  'url',
  'util',
  'stream',
];
const noNode = (message) => ({
  paths: NODE_BUILTINS.map((name) => ({ name, message })),
  pattern: { regex: '^node:', message },
});
const sharedNoNode = noNode('src-shared runs in the renderer too: no Node modules.');
const rendererNoNode = noNode('The renderer is sandboxed: no Node modules.');

export default tseslint.config(
  {
    ignores: [
      'node_modules/',
      'dist/',
      'release/',
      'test-results/',
      'playwright-report/',
      'coverage/',
      'test/lint/fixtures/',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-console': 'off',
      eqeqeq: ['error', 'always'],
    },
  },
  {
    files: ['src-shared/**/*.{ts,tsx}'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          paths: [
            { name: 'electron', message: 'src-shared is pure TypeScript: no Electron.' },
            { name: 'react', message: 'src-shared is pure TypeScript: no React.' },
            ...sharedNoNode.paths,
          ],
          patterns: [
            forbid('src-main', 'src-shared imports no other src-* folder.'),
            forbid('src-server', 'src-shared imports no other src-* folder.'),
            forbid('src-renderer', 'src-shared imports no other src-* folder.'),
            forbid('src-node', 'src-shared imports no other src-* folder.'),
            sharedNoNode.pattern,
          ],
        },
      ],
    },
  },
  {
    // Node-only helpers used by both the desktop (src-main) and the server, which may not import each other.
    files: ['src-node/**/*.{ts,tsx}'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          paths: [{ name: 'electron', message: 'src-node runs in the server too: no Electron.' }],
          patterns: [
            forbid('src-main', 'src-node imports no other src-* folder but src-shared.'),
            forbid('src-server', 'src-node imports no other src-* folder but src-shared.'),
            forbid('src-renderer', 'src-node imports no other src-* folder but src-shared.'),
          ],
        },
      ],
    },
  },
  {
    files: ['src-server/**/*.{ts,tsx}'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          paths: [{ name: 'electron', message: 'The server runs without Electron.' }],
          patterns: [
            forbid('src-main', 'The server never imports the desktop (src-main).'),
            forbid('src-renderer', 'The server never imports the renderer.'),
          ],
        },
      ],
    },
  },
  {
    files: ['src-main/core/**/*.{ts,tsx}', 'src-main/web/**/*.{ts,tsx}'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          paths: [
            {
              name: 'electron',
              allowTypeImports: true,
              message:
                'The core runs in plain Node: import electron only as a type; Electron glue lives in src-main/electron.',
            },
          ],
          patterns: [
            forbid('src-renderer', 'The core never imports the renderer.'),
            forbid('electron', 'The core never imports the Electron glue (src-main/electron).'),
          ],
        },
      ],
    },
  },
  {
    files: ['src-renderer/**/*.{ts,tsx}'],
    // The Vite config runs in Node at build time, not in the renderer.
    ignores: ['src-renderer/vite.config.ts'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          paths: [
            { name: 'electron', message: 'The renderer talks only to window.api.' },
            ...rendererNoNode.paths,
          ],
          patterns: [
            forbid('src-main', 'The renderer never imports main; it talks to window.api.'),
            forbid('src-server', 'The renderer never imports the server.'),
            forbid('src-node', 'The renderer is sandboxed: no Node helpers.'),
            rendererNoNode.pattern,
          ],
        },
      ],
    },
  },
  {
    // zod's values come from the one module that registers the Chinese error map first, so that no
    // process can build a schema, or parse, with zod's English messages (types may come from zod).
    files: ['src-*/**/*.{ts,tsx}'],
    ignores: ['src-shared/contracts/zod-chinese.ts'],
    rules: {
      'no-restricted-syntax': [
        'error',
        {
          selector: "ImportDeclaration[source.value='zod'][importKind!='type']",
          message: "Import z from src-shared/contracts/zod-chinese, which registers zod's Chinese messages.",
        },
      ],
    },
  },
);
