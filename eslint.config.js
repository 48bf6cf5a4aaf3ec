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
  { ignores: ['dist/**', 'node_modules/**', 'data/**', 'bench/out/**', 'renderer/dist/**', 'models/build/**'] },
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
);
