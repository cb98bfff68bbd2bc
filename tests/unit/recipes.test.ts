/**
 * The recipes of docs/extending.md, followed once each by the compiler: add an IdP, a finding
 * code, a wizard step and an API call to their one list, and nothing else. Each addition alone must
 * fail to type-check, naming the place the recipe says to fill in next (the playbook, the fix, the
 * step's text, the call's schema and handler). The real files are read; only the list is changed,
 * in memory.
 */
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const ROOT = resolve(import.meta.dirname, '..', '..');

interface Recipe {
  name: string;
  /** The one list the recipe starts from, and the edit that adds the new value to it. */
  list: string;
  add: (text: string) => string;
  /** Where the compiler must then point, and what it must say (the program is built from these files and what they import). */
  expected: Array<{ file: string; message: RegExp }>;
}

function insertAfter(marker: string, addition: string): (text: string) => string {
  return (text) => {
    if (!text.includes(marker)) throw new Error(`the list no longer holds ${marker}: update the recipe test and docs/extending.md`);
    return text.replace(marker, `${marker}${addition}`);
  };
}

const RECIPES: Recipe[] = [
  {
    name: 'an IdP',
    list: 'shared/idps/ids.ts',
    add: insertAfter("'keycloak'", ", 'new-idp'"),
    expected: [
      { file: 'shared/idps/index.ts', message: /"new-idp"' is missing/ },
      { file: 'shared/idps/claim-names.ts', message: /"new-idp"' is missing/ },
    ],
  },
  {
    name: 'a finding code',
    list: 'shared/findings.ts',
    add: insertAfter("  'acs-url-mismatch',", "\n  'new-finding-code',"),
    expected: [{ file: 'shared/saml/fixes.ts', message: /"new-finding-code"' is missing/ }],
  },
  {
    name: 'a wizard step',
    list: 'shared/wizard-steps.ts',
    add: insertAfter("'test', ", "'new-step', "),
    expected: [{ file: 'renderer/src/wizard/steps.ts', message: /"new-step"' is missing/ }],
  },
  {
    name: 'an API call',
    list: 'shared/api-calls.ts',
    add: insertAfter("  'getAppInfo',", "\n  'newCall',"),
    expected: [
      { file: 'shared/api.ts', message: /newCall/ },
      { file: 'electron/services/api-handlers.ts', message: /newCall/ },
    ],
  },
];

const OPTIONS: ts.CompilerOptions = (() => {
  const config = ts.readConfigFile(join(ROOT, 'tsconfig.json'), ts.sys.readFile);
  return ts.parseJsonConfigFileContent(config.config, ts.sys, ROOT).options;
})();

/** Type-checks `roots` with `overrides` (repository path → text) in place of the files on disk. */
function diagnostics(roots: string[], overrides: Record<string, string>): Array<{ file: string; message: string }> {
  const host = ts.createCompilerHost(OPTIONS);
  const readFile = host.readFile.bind(host);
  const byPath = new Map(Object.entries(overrides).map(([path, text]) => [join(ROOT, path), text]));
  host.readFile = (fileName) => byPath.get(resolve(fileName)) ?? readFile(fileName);
  const getSourceFile = host.getSourceFile.bind(host);
  host.getSourceFile = (fileName, language, onError, shouldCreate) => {
    const text = byPath.get(resolve(fileName));
    return text !== undefined ? ts.createSourceFile(fileName, text, language) : getSourceFile(fileName, language, onError, shouldCreate);
  };
  const program = ts.createProgram({ rootNames: roots.map((path) => join(ROOT, path)), options: OPTIONS, host });
  // Only the files the recipe points at: the rest of the tree is npm run typecheck's job.
  return roots
    .flatMap((path) => program.getSemanticDiagnostics(program.getSourceFile(join(ROOT, path))))
    .map((d) => ({ file: d.file ? d.file.fileName.slice(ROOT.length + 1) : '(no file)', message: ts.flattenDiagnosticMessageText(d.messageText, '\n') }));
}

describe('the recipes in docs/extending.md, followed by the compiler', () => {
  it.each(RECIPES)('adding $name to its list alone fails where the recipe says to fill in next', ({ list, add, expected }) => {
    const roots = [...new Set(expected.map(({ file }) => file))];
    // The same files as they are type-check cleanly: the errors below come from the addition alone.
    expect(diagnostics(roots, {})).toEqual([]);
    const errors = diagnostics(roots, { [list]: add(readFileSync(join(ROOT, list), 'utf8')) });
    for (const { file, message } of expected) {
      const here = errors.filter((error) => error.file === file);
      expect(here.map((error) => error.message).join('\n'), `${file}: ${JSON.stringify(errors.slice(0, 5))}`).toMatch(message);
    }
  });
});
