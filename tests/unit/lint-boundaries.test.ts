import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { ESLint } from 'eslint';

const ROOT = new URL('../..', import.meta.url).pathname;
const eslint = new ESLint({ cwd: ROOT });

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
    ['electron/main/probe.ts', "import { app } from 'electron';\nexport const x = app;"],
    ['electron/preload/probe.ts', "import { contextBridge } from 'electron';\nexport const x = contextBridge;"],
    ['electron/services/probe.ts', "import { readFileSync } from 'node:fs';\nexport const x = readFileSync;"],
    ['renderer/src/probe.ts', "import { API_CALLS } from '../../shared/api-calls';\nexport const x = API_CALLS;"],
  ];
  it.each(allowed)('allows %s: %s', async (filePath, code) => {
    expect(await boundaryErrors(filePath, code)).toEqual([]);
  });

  it('the lint command itself fails on a shared/ file importing node:fs', () => {
    const run = spawnSync(process.execPath, ['node_modules/eslint/bin/eslint.js', '--max-warnings', '0', '--stdin', '--stdin-filename', 'shared/probe.ts'], {
      cwd: ROOT,
      input: "import { readFileSync } from 'node:fs';\nexport const read = readFileSync;\n",
      encoding: 'utf8',
    });
    expect(run.status).toBe(1);
    expect(run.stdout).toMatch(/no-restricted-imports/);
  });
});
