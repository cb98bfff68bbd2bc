// Lint, and the import boundaries that keep the code split by where it may run:
//   shared/    pure TypeScript: no Node built-ins, no electron, no DOM or React
//   renderer/  no electron, no Node built-ins
//   electron/  only electron/main and electron/preload import electron
import { builtinModules } from 'node:module';
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';

const nodeBuiltins = [...builtinModules, ...builtinModules.map((name) => `node:${name}`)];
const NODE_MESSAGE = 'Node built-ins may only be used under electron/, scripts/ and tests/.';

const noNodeBuiltins = { paths: nodeBuiltins.map((name) => ({ name, message: NODE_MESSAGE })), patterns: [{ group: ['node:*'], message: NODE_MESSAGE }] };
const electronPath = { name: 'electron', message: 'Only electron/main and electron/preload may import electron.' };
const uiPatterns = [{ group: ['react', 'react-dom', 'react/*', 'react-dom/*', '@fluentui/*'], message: 'shared/ holds no UI code.' }];
// shared/ may import only these packages (and its own files): anything else, keytar or twilio above all, fails lint.
const SHARED_PACKAGES = ['zod', '@xmldom/xmldom', '@noble/hashes', 'fflate'];
const sharedAllowList = {
  regex: `^(?!\\.|(${SHARED_PACKAGES.map((name) => name.replace(/[/.]/g, '\\$&')).join('|')})(/|$))`,
  message: `shared/ may import only ${SHARED_PACKAGES.join(', ')} and its own files: it is pure, and runs on both sides.`,
};
const layerPatterns = (...layers) =>
  layers.map((layer) => ({ group: [`**/${layer}/**`, `**/${layer}`], message: `This layer may not import from ${layer}/.` }));

// The main side and shared/ are linted with typescript-eslint's strict-type-checked rules (the
// renderer and the tests keep the recommended ones: the renderer is being reworked, and tests
// read JSON freely). Three rules are answered otherwise here: `!` marks an index the code has
// just checked (noUncheckedIndexedAccess is on); numbers and booleans read well in template
// strings; an arrow returning a void call is an idiom; an async method with nothing to await
// still meets its Promise contract.
const TYPE_CHECKED = ['electron/**/*.ts', 'shared/**/*.ts'];
const TYPE_CHECKED_IGNORES = ['**/*.test.ts'];
const strictTypeChecked = tseslint.configs.strictTypeChecked.map((config) => ({ ...config, files: TYPE_CHECKED, ignores: TYPE_CHECKED_IGNORES }));

export default tseslint.config(
  { ignores: ['out/**', 'dist/**', 'node_modules/**', 'test-results/**', 'playwright-report/**', 'tests/fixtures/lint-violation/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  ...strictTypeChecked,
  {
    files: TYPE_CHECKED,
    ignores: TYPE_CHECKED_IGNORES,
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      '@typescript-eslint/switch-exhaustiveness-check': ['error', { considerDefaultExhaustiveForUnions: true }],
      '@typescript-eslint/no-non-null-assertion': 'off',
      '@typescript-eslint/restrict-template-expressions': ['error', { allowNumber: true, allowBoolean: true, allowNullish: true }],
      '@typescript-eslint/no-confusing-void-expression': 'off',
      // Handlers and store methods are async to meet a Promise contract, whether or not they wait.
      '@typescript-eslint/require-await': 'off',
      // Data from files, processes and the network is cast to its type where it arrives and then
      // checked field by field; this rule would call those checks unnecessary and have them removed.
      '@typescript-eslint/no-unnecessary-condition': 'off',
    },
  },
  {
    languageOptions: { ecmaVersion: 2023, sourceType: 'module' },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      'no-console': 'off',
    },
  },
  {
    files: ['shared/**/*.ts'],
    ignores: ['shared/**/*.test.ts'],
    languageOptions: { globals: { ...globals['shared-node-browser'] } },
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [...noNodeBuiltins.paths, electronPath],
          patterns: [...noNodeBuiltins.patterns, ...uiPatterns, ...layerPatterns('electron', 'renderer', 'tests'), sharedAllowList],
        },
      ],
      'no-restricted-globals': ['error', 'window', 'document', 'process', 'require', 'Buffer', '__dirname', 'navigator', 'localStorage'],
    },
  },
  {
    files: ['shared/**/*.test.ts'],
    languageOptions: { globals: { ...globals.node } },
  },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      'no-restricted-imports': [
        'error',
        { paths: [...noNodeBuiltins.paths, electronPath], patterns: [...noNodeBuiltins.patterns, ...layerPatterns('electron', 'tests')] },
      ],
      'no-restricted-globals': ['error', 'process', 'require', 'Buffer', '__dirname'],
    },
  },
  {
    files: ['electron/**/*.ts'],
    ignores: ['electron/main/**', 'electron/preload/**'],
    languageOptions: { globals: { ...globals.node } },
    rules: {
      'no-restricted-imports': ['error', { paths: [electronPath], patterns: layerPatterns('renderer', 'tests') }],
    },
  },
  {
    files: ['electron/main/**/*.ts', 'electron/preload/**/*.ts'],
    languageOptions: { globals: { ...globals.node } },
    rules: { 'no-restricted-imports': ['error', { patterns: layerPatterns('renderer', 'tests') }] },
  },
  {
    files: ['tests/**/*.{ts,tsx,mjs}', 'scripts/**/*.mjs', 'bench/**/*.mjs', '*.config.{ts,js}', 'electron.vite.config.ts'],
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
  },
  {
    // Playwright fixtures that use no other fixture must still destructure an empty object.
    files: ['tests/e2e/**/*.ts'],
    rules: { 'no-empty-pattern': 'off' },
  },
);
