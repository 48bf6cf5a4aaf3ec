import js from '@eslint/js';
import tseslint from 'typescript-eslint';

// core/ stays plain Node TypeScript with one-way layering: agents → genes → hpo;
// store and reports depend on domain types, never the other way round.
const shells = [
  { group: ['electron', 'react', 'react-dom', 'react-dom/*'], message: 'core/ never imports UI or Electron code.' },
  { group: ['**/cli/**', '**/renderer/**', '**/electron/**'], message: 'core/ never imports its shells.' },
];
const restrict = (files, forbidden, message) => ({
  files,
  rules: {
    'no-restricted-imports': [
      'error',
      { patterns: [...shells, ...(forbidden.length ? [{ group: forbidden, message }] : [])] },
    ],
  },
});

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'data/**', 'bench/out/**', 'renderer/dist/**', 'models/build/**', 'dist-electron/**', 'release/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    files: ['**/*.js', '**/*.mjs'],
    languageOptions: { globals: { process: 'readonly', console: 'readonly', URL: 'readonly' } },
  },
  restrict(['core/**/*.ts'], [], ''),
  restrict(['core/hpo/**/*.ts'], ['**/genes/**', '**/agents/**', '**/store/**', '**/reports/**', '**/cases/**'], 'core/hpo sits at the bottom of the layering.'),
  restrict(['core/genes/**/*.ts'], ['**/agents/**', '**/store/**', '**/reports/**'], 'core/genes must not depend on agents, store or reports.'),
  // The contract is shared with the renderer and the preload: zod only.
  {
    files: ['core/api/contract.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: [{ regex: '^(?!zod$)', message: 'core/api/contract.ts imports nothing but zod.' }] }] },
  },
  // The renderer runs in a browser: it reaches core only through the API contract.
  {
    files: ['renderer/**/*.{ts,tsx}'],
    languageOptions: { globals: { window: 'readonly', document: 'readonly', console: 'readonly' } },
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { regex: '^(\\.\\.?/)+core/(?!api/contract\\.js$)', message: 'The renderer talks to core only through core/api/contract.ts.' },
            { group: ['node:*', 'electron', '**/electron/**', '**/cli/**'], message: 'The renderer runs in a sandboxed page: no Node, Electron or CLI code.' },
          ],
        },
      ],
    },
  },
  // Electron's shell stays thin: window, IPC and protocol only; everything else is core/api.
  {
    files: ['electron/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: [{ group: ['react', 'react-dom', 'react-dom/*', '**/renderer/**', '**/cli/**'], message: 'electron/ hosts the renderer and calls core/api; it does not import them.' }] }] },
  },
);
