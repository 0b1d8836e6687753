// Lint rules, including the dependency direction machines ← actors ← src ← scripts (ARCHITECTURE §8).
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

const importsOf = (...regexes) => ({
  patterns: regexes.map(([regex, message]) => ({ regex, message })),
});

const UP_TO = (dir) => `^(\\.\\./)+(.*/)?${dir}(/|$)`;

export default tseslint.config(
  { ignores: ['*.cjs', 'node_modules/**', '.data/**', 'bench/results/**', 'test-output/**', 'src/pages/public/vendor/**', 'dist/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-console': 'error',
    },
  },
  {
    files: ['machines/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', importsOf(
        [UP_TO('(actors|src|scripts|migrations|test)'), 'machines/ is pure: it may import only xstate and its own files.'],
        ['^(?!xstate$|xstate/|\\.)', 'machines/ is pure: it may import only xstate and its own files.'],
      )],
    },
  },
  {
    files: ['actors/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', importsOf(
        [UP_TO('(src|scripts|migrations|test)'), 'actors/ may import machines/ only; declare a port in actors/ports.ts.'],
      )],
    },
  },
  {
    files: ['src/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', importsOf(
        [UP_TO('(scripts|test)'), 'src/ must not import scripts/ or test/ (fakes live in test/).'],
      )],
    },
  },
  {
    // Issue 11 §1: batch SQL lives only in the adapter; the rest of src/batches depends on the BatchStore port.
    files: ['src/batches/**/*.ts'],
    ignores: ['src/batches/store/**'],
    rules: {
      'no-restricted-imports': ['error', importsOf(
        [UP_TO('(scripts|test)'), 'src/ must not import scripts/ or test/ (fakes live in test/).'],
        ['^(knex|pg)$', 'batch SQL lives only in src/batches/store/ (the BatchStore adapter): add a method to the port.'],
        ['(^|/)db/(knex|prepared)\\.js$', 'batch SQL lives only in src/batches/store/ (the BatchStore adapter): add a method to the port.'],
      )],
    },
  },
  {
    files: ['src/matching/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', importsOf(
        [UP_TO('(scripts|test|actors|machines)'), 'src/matching is pure: no runtime or adapter imports.'],
        ['^\\.\\./(?!matching/)', 'src/matching is pure: it imports nothing from the adapters.'],
        ['^(knex|pg|ioredis|express|ws|winston)$', 'src/matching is pure: no I/O libraries.'],
      )],
    },
  },
  {
    files: ['migrations/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', importsOf(
        ['^\\.', 'migrations are frozen history: self-contained, no project imports.'],
      )],
    },
  },
  {
    files: ['scripts/**/*.ts', 'bench/**/*.ts'],
    rules: { 'no-console': 'off' },
  },
  {
    // The pages' plain ES modules run in the browser (no `globals` package here: the few used are listed).
    files: ['src/pages/**/*.js'],
    languageOptions: {
      globals: Object.fromEntries([
        'window', 'document', 'location', 'history', 'sessionStorage', 'fetch', 'FormData', 'XMLHttpRequest', 'WebSocket',
        'URL', 'URLSearchParams', 'Node', 'Event', 'atob', 'setTimeout', 'clearTimeout', 'setInterval', 'clearInterval',
        'requestAnimationFrame', 'console',
      ].map((name) => [name, 'readonly'])),
    },
  },
  {
    files: ['test/**/*.ts'],
    rules: { '@typescript-eslint/no-unused-expressions': 'off' },
  },
);
