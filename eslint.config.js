import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import { moduleBoundaries } from './scripts/eslint/module-boundaries.mjs';

export default tseslint.config(
  { ignores: ['**/node_modules/**', '**/dist/**', 'data/**', 'coverage/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/consistent-type-definitions': ['error', 'type'],
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_' },
      ],
      'no-console': 'off',
    },
  },
  {
    // Tests are white-box and may reach a module's internals; the server's own code may not.
    files: ['apps/server/src/**/*.ts'],
    plugins: { chengguan: { rules: { 'module-boundaries': moduleBoundaries } } },
    rules: {
      'chengguan/module-boundaries': 'error',
      // One SM3 on the server (shared/sm3.ts: OpenSSL's where present, else the domain's): no second copy.
      'no-restricted-imports': [
        'error',
        {
          paths: [
            { name: 'sm-crypto-v2', importNames: ['sm3'], message: 'Hash with shared/sm3.ts; sm-crypto-v2 is for SM2 and SM4 only.' },
            {
              name: '@chengguan/domain',
              importNames: ['sm3', 'sm3Hex', 'hmacSm3Hex'],
              message: "Hash with shared/sm3.ts (OpenSSL's SM3 where present); the domain's is its fallback.",
            },
          ],
        },
      ],
      'no-restricted-syntax': [
        'error',
        {
          selector: 'CallExpression[callee.name=/^create(Hash|Hmac)$/][arguments.0.value=/^sm3$/i]',
          message: 'Hash with shared/sm3.ts.',
        },
      ],
    },
  },
  {
    files: ['apps/server/src/shared/sm3.ts'],
    rules: { 'no-restricted-imports': 'off', 'no-restricted-syntax': 'off' },
  },
  {
    files: ['scripts/**/*.mjs'],
    languageOptions: { globals: { console: 'readonly', process: 'readonly' } },
  },
  {
    files: ['**/*.test.ts', 'e2e/**', 'bench/**'],
    rules: { '@typescript-eslint/no-non-null-assertion': 'off' },
  },
);
