import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['node_modules/**', 'data/**', 'test-results/**', 'public/**', '.*.mjs'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { ecmaVersion: 2023, sourceType: 'module' },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^(h|Fragment|_)' }],
      '@typescript-eslint/no-explicit-any': 'error',
      'no-console': 'off',
    },
  },
  {
    // a test reads like a person's steps: each response is kept even when only the next step matters
    files: ['test/**/*.ts'],
    rules: { 'no-useless-assignment': 'off' },
  },
  {
    files: ['public/**/*.js', 'scripts/**/*.mjs'],
    languageOptions: {
      globals: { window: 'readonly', document: 'readonly', process: 'readonly', console: 'readonly' },
    },
  },
);
