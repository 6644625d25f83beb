import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import vue from 'eslint-plugin-vue';
import globals from 'globals';
import prettier from 'eslint-config-prettier/flat';

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
  {
    // A screen (client/src/views/<screen>/) composes components, composables, stores, lib and
    // api; it never reaches into another screen's files. What two screens need goes below them.
    files: ['client/src/views/**/*.{ts,vue}'],
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
          ],
        },
      ],
    },
  },
  {
    // Screens are the top: only the router imports them.
    files: ['client/src/{api,components,composables,lib,map,stores}/**/*.{ts,vue}'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              regex: '(^|/)views(/|$)',
              message: 'Only the router imports screens (client/src/views/).',
            },
          ],
        },
      ],
    },
  },
);
