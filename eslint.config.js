import js from '@eslint/js';
import reactHooks from 'eslint-plugin-react-hooks';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['node_modules', '.stack', 'data', 'models', 'web/dist', 'dist', 'web/src/graphql/generated', 'test-results'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
    },
  },
  { files: ['web/src/**/*.{ts,tsx}'], ...reactHooks.configs.flat.recommended },
  // The web app runs in a browser: it knows the server only through GraphQL (its generated types)
  // and the shared vocabulary of schema/, and never bundles server code.
  {
    files: ['web/src/**/*.{ts,tsx}'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['**/api/**', '**/consumers/**', '**/db/**', '**/scripts/**'], message: 'the web app reaches the server through GraphQL only' },
            { group: ['**/schema/**'], allowTypeImports: true, message: 'from schema/ the web app takes types only (import type)' },
          ],
        },
      ],
    },
  },
);
