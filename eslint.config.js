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
  // The walls between the server's folders (docs/architecture.md, "Walls"): api/ and consumers/ never
  // import each other; both stand on db/ (the ports) and schema/ (the vocabulary), which import
  // neither. What runs both in one process is the composition root, scripts/lifestream-process.ts.
  {
    files: ['api/**/*.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        { patterns: [{ group: ['**/consumers/**'], message: 'api/ does not import consumers/: share through a port in db/ or vocabulary in schema/, wire both in scripts/lifestream-process.ts' }] },
      ],
    },
  },
  {
    files: ['consumers/**/*.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        { patterns: [{ group: ['**/api/**'], message: 'consumers/ does not import api/: share through a port in db/ or vocabulary in schema/, wire both in scripts/lifestream-process.ts' }] },
      ],
    },
  },
  {
    files: ['db/**/*.ts', 'schema/**/*.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        { patterns: [{ group: ['**/api/**', '**/consumers/**'], message: 'db/ and schema/ are what api/ and consumers/ stand on: they import neither' }] },
      ],
    },
  },
);
