// Lint: typescript-eslint with type information. Fails on focused/skipped tests, floating
// promises and unused eslint-disable comments (the latter via the CLI flag in package.json).
import js from '@eslint/js';
import vitest from '@vitest/eslint-plugin';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['**/node_modules/**', '**/dist/**', 'cdk.out/**', '.data/**', 'infra/cdk.out/**', '**/*.d.ts'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts', '**/*.tsx'],
    languageOptions: {
      parserOptions: { projectService: { allowDefaultProject: ['vitest.config.ts'] }, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': ['error', { checksVoidReturn: { attributes: false } }],
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    // Dates and figures in the web app follow en-GB and UK time, never the browser's defaults: a
    // bare toLocale…String() or Intl.DateTimeFormat() writes "12/2/2026" or "2.12.2026" depending
    // on who opens the page. Staff dates go through web/src/staff/dates.ts; numbers name 'en-GB'.
    files: ['web/src/**/*.ts', 'web/src/**/*.tsx'],
    rules: {
      'no-restricted-syntax': [
        'error',
        {
          selector: "CallExpression[callee.property.name=/^toLocale(Date|Time)?String$/]:matches([arguments.length=0], [arguments.0.type='Identifier'][arguments.0.name='undefined'])",
          message: "Name the locale: formatDate/formatDateTime/formatTime from web/src/staff/dates.ts for dates, toLocaleString('en-GB') for numbers.",
        },
        {
          selector: ":matches(NewExpression, CallExpression)[callee.object.name='Intl'][callee.property.name='DateTimeFormat']:matches([arguments.length=0], [arguments.0.type='Identifier'][arguments.0.name='undefined'])",
          message: "Name the locale and time zone, or use formatDate/formatDateTime/formatTime from web/src/staff/dates.ts.",
        },
        {
          selector: "CallExpression[callee.property.name='toString'][callee.object.type='NewExpression'][callee.object.callee.name='Date']",
          message: 'new Date().toString() writes the browser’s own format and time zone: use formatDateTime from web/src/staff/dates.ts.',
        },
      ],
    },
  },
  {
    files: ['**/*.test.ts', '**/*.test.tsx', 'test/**/*.ts'],
    plugins: { vitest },
    rules: {
      'vitest/no-focused-tests': ['error', { fixable: false }],
      'vitest/no-disabled-tests': 'error',
      'vitest/warn-todo': 'error',
    },
  },
  {
    files: ['**/*.js', '**/*.mjs'],
    languageOptions: { globals: { process: 'readonly', console: 'readonly', URL: 'readonly' } },
  },
);
