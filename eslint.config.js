// Lint: typescript-eslint with type information. Fails on focused/skipped tests, floating
// promises and unused eslint-disable comments (the latter via the CLI flag in package.json).
import js from '@eslint/js';
import vitest from '@vitest/eslint-plugin';
import tseslint from 'typescript-eslint';


// ---------------------------------------------------------------- dependency directions (STYLE.md)
// Each "never" of STYLE.md's "Which way dependencies point", per package. Cycles are checked by
// dependency-cruiser (.dependency-cruiser.cjs), which `pnpm lint` runs after ESLint.
const never = (names, why) => names.map((name) => ({ group: [name, `${name}/**`], message: why }));
const NODE_BUILTINS = { regex: '^node:', message: 'Runs in the browser too: no Node built-ins.' };
const DEV_ONLY = never(['@wardpulse/dev'], 'Demo data, the local stack and DynamoDB Local exist only on one machine; production code never imports them.');
const arrow = (files, patterns, extra = {}) => ({
  files,
  ignores: extra.ignores ?? [],
  rules: { '@typescript-eslint/no-restricted-imports': ['error', { patterns }] },
});
const arrows = [
  arrow(['packages/domain/src/**/*.ts'], [
    ...never(['@aws-sdk/*', '@aws-lambda-powertools/*', 'hono', '@hono/*', 'aws-cdk-lib', 'react', 'react-dom'], 'packages/domain depends on zod only: the browser uses it too.'),
    ...never(['@wardpulse/data', '@wardpulse/analytics', '@wardpulse/functions', '@wardpulse/web', '@wardpulse/dev'], 'packages/domain is the bottom layer: nothing of ours below it.'),
    NODE_BUILTINS,
  ]),
  arrow(['packages/analytics/src/**/*.ts'], [
    ...never(['@aws-sdk/*', '@aws-lambda-powertools/*', 'hono', '@hono/*', 'aws-cdk-lib', 'react', 'react-dom'], 'packages/analytics is pure statistics: no I/O, no framework.'),
    ...never(['@wardpulse/data', '@wardpulse/functions', '@wardpulse/web', '@wardpulse/dev'], 'packages/analytics depends on packages/domain only.'),
    NODE_BUILTINS,
  ], { ignores: ['**/*.test.ts'] }),
  arrow(['packages/data/src/**/*.ts'], [
    ...never(['hono', '@hono/*', 'aws-cdk-lib', 'react', 'react-dom'], 'packages/data is DynamoDB access: no HTTP framework, no CDK.'),
    ...never(['@wardpulse/analytics', '@wardpulse/functions', '@wardpulse/web'], 'packages/data depends on packages/domain and the AWS SDK only.'),
    ...DEV_ONLY,
  ], { ignores: ['**/*.test.ts'] }),
  arrow(['functions/src/**/*.ts'], [
    ...never(['aws-cdk-lib', 'constructs', 'react', 'react-dom'], 'functions never depend on the CDK or the web app.'),
    ...never(['@wardpulse/web', '@wardpulse/infra'], 'functions never depend on the web app or the infrastructure.'),
    ...DEV_ONLY,
  ], { ignores: ['**/*.test.ts', 'functions/src/**/test-support.ts'] }),
  arrow(['infra/**/*.ts'], [
    ...never(['@wardpulse/functions', '@wardpulse/analytics', '@wardpulse/domain', '@wardpulse/web', '@wardpulse/dev'], 'infra points at handlers by entry path (infra/lib/paths.ts) and imports only the table definitions of packages/data.'),
    { regex: '^@wardpulse/data$', message: 'infra imports only the table definitions: @wardpulse/data/table and @wardpulse/data/contacts-table.' },
  ]),
  arrow(['web/src/**/*.ts', 'web/src/**/*.tsx'], [
    { group: ['@wardpulse/functions', '@wardpulse/functions/**'], allowTypeImports: true, message: 'The web app imports only types from functions (`import type`, for the Hono RPC client).' },
    ...never(['@aws-sdk/*', '@wardpulse/data', '@wardpulse/dev', 'hono/aws-lambda', '@hono/node-server'], 'The web app runs in the browser: no server code.'),
    NODE_BUILTINS,
  ]),
];

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
    // on who opens the page. Staff dates go through web/src/staff/shared/dates.ts; numbers name 'en-GB'.
    files: ['web/src/**/*.ts', 'web/src/**/*.tsx'],
    rules: {
      'no-restricted-syntax': [
        'error',
        {
          selector: "CallExpression[callee.property.name=/^toLocale(Date|Time)?String$/]:matches([arguments.length=0], [arguments.0.type='Identifier'][arguments.0.name='undefined'])",
          message: "Name the locale: formatDate/formatDateTime/formatTime from web/src/staff/shared/dates.ts for dates, toLocaleString('en-GB') for numbers.",
        },
        {
          selector: ":matches(NewExpression, CallExpression)[callee.object.name='Intl'][callee.property.name='DateTimeFormat']:matches([arguments.length=0], [arguments.0.type='Identifier'][arguments.0.name='undefined'])",
          message: "Name the locale and time zone, or use formatDate/formatDateTime/formatTime from web/src/staff/shared/dates.ts.",
        },
        {
          selector: "CallExpression[callee.property.name='toString'][callee.object.type='NewExpression'][callee.object.callee.name='Date']",
          message: 'new Date().toString() writes the browser’s own format and time zone: use formatDateTime from web/src/staff/shared/dates.ts.',
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
  ...arrows,
  {
    // Small modules (STYLE.md): a source file over 400 lines holds more than one concept. Tests may be longer.
    files: ['**/*.ts', '**/*.tsx'],
    ignores: ['**/*.test.ts', '**/*.test.tsx', 'test/**'],
    rules: { 'max-lines': ['error', { max: 400 }] },
  },
  {
    files: ['**/*.cjs'],
    languageOptions: { sourceType: 'commonjs', globals: { module: 'writable', require: 'readonly' } },
  },
  {
    files: ['**/*.js', '**/*.mjs'],
    languageOptions: { globals: { process: 'readonly', console: 'readonly', URL: 'readonly' } },
  },
);
