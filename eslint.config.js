import fs from 'node:fs';
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import vue from 'eslint-plugin-vue';
import globals from 'globals';
import prettier from 'eslint-config-prettier/flat';

/** The server's features: each may import the kernel, the domain, db and http, never another. */
const FEATURES = fs
  .readdirSync(new URL('./server/src/features', import.meta.url), { withFileTypes: true })
  .filter((entry) => entry.isDirectory())
  .map((entry) => entry.name);

/** A relative import reaching into one of `features` from inside the features folder. */
const featureImport = (features) => ({
  regex: `^(\\.\\./)+(features/)?(${features.join('|')})(/|$)`,
  message:
    'A feature does not import another feature: move what both need to server/src/kernel (see docs/architecture.md).',
});
const HTTP_AT_THE_EDGE = {
  group: ['express', '**/http/**'],
  message:
    'Only routes speak HTTP: services throw domain errors (server/src/domain/errors.ts), the error handler turns them into statuses.',
};
/** The client imports only types from the contract: its schemas (and zod) stay out of the bundle. */
const CONTRACT_TYPES_ONLY = {
  group: ['**/contract', '**/contract/**', 'zod'],
  allowTypeImports: true,
  message: 'The client imports only types from the contract (import type).',
};
/** Tests set the world up as a user would (load the demo, run an import): they may. */
const TESTS = ['**/*.test.ts', '**/test/**'];

export default tseslint.config(
  { ignores: ['client/dist/**', 'node_modules/**', '.data/**', 'test-results/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  ...vue.configs['flat/recommended'],
  {
    files: ['**/*.vue'],
    languageOptions: { parserOptions: { parser: tseslint.parser } },
  },
  {
    files: ['**/*.{js,mjs,ts}'],
    languageOptions: { globals: { ...globals.node } },
  },
  {
    files: ['client/**/*.{ts,vue}'],
    languageOptions: { globals: { ...globals.browser } },
  },
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
      'vue/multi-word-component-names': 'off',
    },
  },
  // Layout is Prettier's (checked by `npm run lint`): no stylistic rule argues with it.
  prettier,
  {
    // Domain code is pure: no I/O, no environment, no clock.
    files: ['server/src/domain/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            'express',
            'knex',
            'pg',
            'pino',
            'node:fs',
            'node:http',
            '**/db/**',
            '**/http/**',
          ],
        },
      ],
      'no-restricted-globals': ['error', 'process'],
    },
  },
  ...FEATURES.flatMap((feature) => {
    const others = featureImport(FEATURES.filter((f) => f !== feature));
    const files = `server/src/features/${feature}/**/*.ts`;
    return [
      {
        files: [files],
        ignores: [...TESTS, '**/routes.ts'],
        rules: { 'no-restricted-imports': ['error', { patterns: [others, HTTP_AT_THE_EDGE] }] },
      },
      {
        files: [`server/src/features/${feature}/**/routes.ts`],
        rules: { 'no-restricted-imports': ['error', { patterns: [others] }] },
      },
    ];
  }),
  {
    // The kernel is what features share: it imports downward only.
    files: ['server/src/kernel/**/*.ts'],
    ignores: TESTS,
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['**/features/**'], message: 'The kernel does not import features.' },
            HTTP_AT_THE_EDGE,
          ],
        },
      ],
    },
  },
  {
    // The API contract stands alone: zod and its own files, nothing of the server or client.
    files: ['contract/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [{ group: ['../*'], message: 'The contract imports zod only.' }] },
      ],
    },
  },
  // The client's layers. ESLint keeps one `no-restricted-imports` per file (the last that
  // matches), so each block repeats the contract rule beside its own.
  {
    // The client reads the contract's types; its schemas (and zod) stay out of the bundle.
    files: ['client/**/*.{ts,vue}'],
    ignores: ['**/*.test.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: [CONTRACT_TYPES_ONLY] }] },
  },
  {
    // A screen (client/src/views/<screen>/) composes components, composables, stores, lib and
    // api; it never reaches into another screen's files. What two screens need goes below them.
    files: ['client/src/views/**/*.{ts,vue}'],
    ignores: ['**/*.test.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              regex: '^\\.\\./(?!\\.\\./)[^/]+/|(^|/)views/',
              message:
                'A screen does not import another screen’s files: move what they share to components/, composables/, stores/ or lib/.',
            },
            CONTRACT_TYPES_ONLY,
          ],
        },
      ],
    },
  },
  {
    // Screens are the top: only the router imports them.
    files: ['client/src/{api,components,composables,lib,map,stores}/**/*.{ts,vue}'],
    ignores: ['**/*.test.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              regex: '(^|/)views(/|$)',
              message: 'Only the router imports screens (client/src/views/).',
            },
            CONTRACT_TYPES_ONLY,
          ],
        },
      ],
    },
  },
);
