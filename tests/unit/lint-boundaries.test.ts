import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ESLint } from 'eslint';
import tseslint from 'typescript-eslint';
import * as prettier from 'prettier';

const ROOT = new URL('../..', import.meta.url).pathname;
// The probes below are no files of the project, so the type-aware rules (not the boundaries) are off for them.
const eslint = new ESLint({ cwd: ROOT, overrideConfig: [tseslint.configs.disableTypeChecked] });

async function boundaryErrors(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return (result?.messages ?? []).filter((m) => m.ruleId === 'no-restricted-imports' || m.ruleId === 'no-restricted-globals').map((m) => m.message);
}

describe('import boundaries', () => {
  const refused: Array<[string, string, RegExp]> = [
    ['shared/domain/probe.ts', "import { readFileSync } from 'node:fs';\nexport const x = readFileSync;", /Node built-ins/],
    ['shared/probe.ts', "import fs from 'fs';\nexport const x = fs;", /Node built-ins/],
    ['shared/probe.ts', "import { app } from 'electron';\nexport const x = app;", /electron/],
    ['shared/probe.ts', "import { useState } from 'react';\nexport const x = useState;", /UI code/],
    ['shared/probe.ts', "import { Button } from '@fluentui/react-components';\nexport const x = Button;", /UI code/],
    ['shared/probe.ts', "import { x } from '../electron/services/api-dispatch';\nexport const y = x;", /electron/],
    ['shared/probe.ts', 'export const x = document.title;', /document/],
    ['shared/probe.ts', "import keytar from 'keytar';\nexport const x = keytar;", /shared\/ may import only zod, @xmldom\/xmldom, @noble\/hashes, fflate/],
    ['shared/domain/probe.ts', "import twilio from 'twilio';\nexport const x = twilio;", /may import only/],
    ['shared/probe.ts', "import { chromium } from 'playwright-core';\nexport const x = chromium;", /may import only/],
    ['shared/probe.ts', "import { z } from 'zodiac';\nexport const x = z;", /may import only/],
    ['renderer/src/probe.ts', "import { ipcRenderer } from 'electron';\nexport const x = ipcRenderer;", /electron/],
    ['renderer/src/probe.ts', "import { join } from 'node:path';\nexport const x = join;", /Node built-ins/],
    ['electron/services/probe.ts', "import { app } from 'electron';\nexport const x = app;", /electron/],
    ['electron/cli/probe.ts', "import { app } from 'electron';\nexport const x = app;", /electron/],
  ];
  it.each(refused)('refuses %s: %s', async (filePath, code, expected) => {
    const errors = await boundaryErrors(filePath, code);
    expect(errors.length).toBeGreaterThan(0);
    expect(errors.join('\n')).toMatch(expected);
  });

  const allowed: Array<[string, string]> = [
    ['shared/probe.ts', "import { z } from 'zod';\nexport const x = z;"],
    ['shared/probe.ts', "import { sha256 } from '@noble/hashes/sha2.js';\nexport const x = sha256;"],
    ['shared/probe.ts', "import { DOMParser } from '@xmldom/xmldom';\nimport { unzlibSync } from 'fflate';\nexport const x = [DOMParser, unzlibSync];"],
    ['shared/saml/probe.ts', "import { MODES } from '../domain/modes';\nimport { sentence } from './text';\nexport const x = [MODES, sentence];"],
    ['electron/main/probe.ts', "import { app } from 'electron';\nexport const x = app;"],
    ['electron/preload/probe.ts', "import { contextBridge } from 'electron';\nexport const x = contextBridge;"],
    ['electron/services/probe.ts', "import { readFileSync } from 'node:fs';\nexport const x = readFileSync;"],
    ['renderer/src/probe.ts', "import { API_CALLS } from '../../shared/api-calls';\nexport const x = API_CALLS;"],
  ];
  it.each(allowed)('allows %s: %s', async (filePath, code) => {
    expect(await boundaryErrors(filePath, code)).toEqual([]);
  });

  it('the lint command itself fails on a shared/ file importing node:fs or keytar', () => {
    // A real file of the project, so the whole configuration (type-aware rules included) applies.
    const probe = join(ROOT, 'shared', `lint-probe-${process.pid}.ts`);
    writeFileSync(probe, "import { readFileSync } from 'node:fs';\nimport keytar from 'keytar';\nexport const read = [readFileSync, keytar];\n");
    try {
      const run = spawnSync(process.execPath, ['node_modules/eslint/bin/eslint.js', '--max-warnings', '0', probe], { cwd: ROOT, encoding: 'utf8' });
      expect(run.status).toBe(1);
      expect(run.stdout).toMatch(/Node built-ins may only be used/);
      expect(run.stdout).toMatch(/shared\/ may import only/);
    } finally {
      rmSync(probe, { force: true });
    }
  });
});

describe('formatting (Prettier, run by npm run lint)', () => {
  it('npm run lint checks the formatting of the whole tree after ESLint', () => {
    const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { scripts: Record<string, string> };
    expect(pkg.scripts.lint).toMatch(/^eslint \. --max-warnings 0 && prettier --check \./);
    expect(pkg.scripts.format).toMatch(/^prettier --write \./);
  });

  it('refuses a project file written in another style, and accepts it once formatted', async () => {
    const filepath = join(ROOT, 'shared', 'domain', 'probe.ts');
    const options = { ...(await prettier.resolveConfig(filepath)), filepath };
    const written = 'export const  probe = { "double": "quotes" }\n';
    expect(await prettier.check(written, options)).toBe(false);
    const formatted = await prettier.format(written, options);
    expect(formatted).toBe("export const probe = { double: 'quotes' };\n");
    expect(await prettier.check(formatted, options)).toBe(true);
  });

  it('leaves the golden checklists and the prose alone (their tests compare them byte for byte)', async () => {
    const ignorePath = join(ROOT, '.prettierignore');
    for (const file of ['shared/checklist/golden/flex-enhanced--okta.md', 'README.md', 'docs/seed-facts.md', 'package-lock.json']) {
      expect((await prettier.getFileInfo(join(ROOT, file), { ignorePath })).ignored, file).toBe(true);
    }
    expect((await prettier.getFileInfo(join(ROOT, 'shared/saml/analyze.ts'), { ignorePath })).ignored).toBe(false);
  });
});
