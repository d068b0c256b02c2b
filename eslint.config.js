import js from '@eslint/js';
import reactHooks from 'eslint-plugin-react-hooks';
import tseslint from 'typescript-eslint';

// The running system (api/, consumers/, db/, schema/, web/, models/) never imports scripts/, the
// developer and install tooling (model builds, the stack, the importers), so that nothing it runs
// depends on them. Its tests may: they build tiny models with scripts/models/.
const runtimeWall = { group: ['**/scripts/**'], message: 'the running system does not import scripts/ (developer and install tooling): move what it needs into the folder of its idea (the model manifest is in models/)' };
// The processes' entry points start through the composition root and fail as every command-line
// program does (docs/architecture.md, "Walls"): those two modules of scripts/ and no other.
const entryPoints = ['api/main.ts', 'api/cli.ts', 'consumers/main.ts'];
const entryPointWall = { ...runtimeWall, group: [...runtimeWall.group, '!**/scripts/lifestream-process.ts', '!**/scripts/command-line.ts'] };
const tests = ['**/*.test.ts'];

/** A folder's walls: its own patterns, and scripts/ off limits except to its tests and the entry points. */
function walls(folder, patterns = []) {
  const rule = (extra) => ({ '@typescript-eslint/no-restricted-imports': ['error', { patterns: [...patterns, ...extra] }] });
  const files = [`${folder}/**/*.ts`];
  const itsEntryPoints = entryPoints.filter((path) => path.startsWith(`${folder}/`));
  return [
    { files, ignores: [...tests, ...entryPoints], rules: rule([runtimeWall]) },
    ...(itsEntryPoints.length > 0 ? [{ files: itsEntryPoints, rules: rule([entryPointWall]) }] : []),
    ...(patterns.length > 0 ? [{ files: tests.map((test) => `${folder}/${test}`), rules: rule([]) }] : []),
  ];
}

export default tseslint.config(
  // Weights live in models/<name>/ (git-ignored); the code beside manifest.json is linted.
  { ignores: ['node_modules', '.stack', 'data', 'models/*/', 'web/dist', 'dist', 'web/src/graphql/generated', 'test-results'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
    },
  },
  { files: ['web/src/**/*.{ts,tsx}'], ...reactHooks.configs.flat.recommended },
  // web/'s build configuration; the app itself has the stricter wall below.
  ...walls('web'),
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
  ...walls('api', [{ group: ['**/consumers/**'], message: 'api/ does not import consumers/: share through a port in db/ or vocabulary in schema/, wire both in scripts/lifestream-process.ts' }]),
  ...walls('consumers', [{ group: ['**/api/**'], message: 'consumers/ does not import api/: share through a port in db/ or vocabulary in schema/, wire both in scripts/lifestream-process.ts' }]),
  ...walls('db', [{ group: ['**/api/**', '**/consumers/**'], message: 'db/ and schema/ are what api/ and consumers/ stand on: they import neither' }]),
  ...walls('schema', [{ group: ['**/api/**', '**/consumers/**'], message: 'db/ and schema/ are what api/ and consumers/ stand on: they import neither' }]),
  ...walls('models'),
);
