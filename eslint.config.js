// ESLint flat config: type-checked typescript-eslint rules plus the architecture rule
// that keeps domain/ free of I/O, so the pure logic stays fast to test and easy to reuse.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import prettier from 'eslint-config-prettier';
import globals from 'globals';

export default tseslint.config(
  { ignores: ['dist/', 'node_modules/', 'data/', 'coverage/', 'server/public/vendor/'] },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
    },
  },
  {
    files: ['domain/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [
            'express',
            'mongoose',
            'mongodb',
            'node-cron',
            'rss-parser',
            'pino',
            'pino-http',
            'fs',
            'node:fs',
            'fs/promises',
            'node:fs/promises',
            'http',
            'node:http',
            'https',
            'node:https',
            'net',
            'node:net',
            'child_process',
            'node:child_process',
          ].map((name) => ({ name, message: 'domain/ is pure logic: no I/O imports.' })),
          patterns: [
            {
              group: ['**/lib/*', '**/models/*', '**/server/*', '**/jobs/*', '**/embedded-mongo/*'],
              message: 'domain/ must not depend on I/O layers.',
            },
          ],
        },
      ],
      'no-restricted-globals': ['error', { name: 'fetch', message: 'domain/ is pure logic: no network.' }],
    },
  },
  {
    files: ['embedded-mongo/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['**/lib/*', '**/models/*', '**/server/*', '**/jobs/*', '**/domain/*'],
              message: 'embedded-mongo/ is self-contained: it must not import the application.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['**/*.cjs'],
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    files: ['**/*.js', '**/*.cjs', '**/*.mjs'],
    ...tseslint.configs.disableTypeChecked,
    languageOptions: {
      ...tseslint.configs.disableTypeChecked.languageOptions,
      globals: { module: 'readonly', require: 'readonly', process: 'readonly', console: 'readonly' },
    },
  },
  {
    // The dashboard's browser modules: plain ES modules served as they are.
    files: ['server/public/**/*.js'],
    languageOptions: { sourceType: 'module', globals: globals.browser },
  },
  prettier,
);
