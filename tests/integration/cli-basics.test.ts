import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureCliBuilt, REPO_ROOT, runCli } from '../support/cli';

beforeAll(() => ensureCliBuilt());

describe('flex-sso CLI basics', () => {
  it('--help lists the five commands', () => {
    const run = runCli(['--help']);
    expect(run.status).toBe(0);
    for (const command of ['values', 'checklist', 'metadata', 'analyze', 'test-login']) expect(run.stdout).toMatch(new RegExp(`^\\s+${command}\\b`, 'm'));
  });

  it('an unknown command exits 2 with one line on stderr and no stack trace', () => {
    const run = runCli(['nope']);
    expect(run.status).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr.trim().split('\n')).toHaveLength(1);
    expect(run.stderr).toMatch(/nope/);
    expect(run.stderr).not.toMatch(/\bat .+:\d+:\d+/);
  });

  it('an unknown option exits 2 with one line', () => {
    const run = runCli(['--frobnicate']);
    expect(run.status).toBe(2);
    expect(run.stderr.trim().split('\n')).toHaveLength(1);
  });
});

describe('run through npm from another folder, relative paths are the folder npm was run from', () => {
  let folder: string;
  beforeAll(() => {
    folder = realpathSync(mkdtempSync(join(tmpdir(), 'flex-sso-cwd-')));
    writeFileSync(join(folder, 'garbage.bin'), Buffer.from([0, 1, 2, 250, 251, 252]));
  });
  afterAll(() => rmSync(folder, { recursive: true, force: true }));
  // `npm run -s cli -- …` as the README says, from the user's folder: npm itself starts the script in the repository.
  const npmCli = (args: string[]) =>
    spawnSync('npm', ['run', '--prefix', REPO_ROOT, '-s', 'cli', '--', ...args], { cwd: folder, encoding: 'utf8', timeout: 120_000 });

  it('FILE, --har and --out are found in that folder; "no file" names the absolute path looked for', () => {
    const garbage = npmCli(['metadata', 'garbage.bin']);
    expect(garbage.status).toBe(2);
    expect(garbage.stderr).not.toMatch(/There is no file/);
    expect(garbage.stderr).toMatch(/not XML/);

    const missing = npmCli(['metadata', 'nothere.xml']);
    expect(missing.stderr).toBe(`flex-sso: There is no file ${join(folder, 'nothere.xml')}.\n`);
    const har = npmCli(['analyze', '--har', 'nothere.har']);
    expect(har.stderr).toBe(`flex-sso: There is no file ${join(folder, 'nothere.har')}.\n`);

    const out = npmCli(['checklist', '--mode', 'flex-enhanced', '--connection', `JQ${'0123456789abcdef'.repeat(2)}`, '--idp', 'okta', '--out', 'sso.md']);
    expect(out.status).toBe(0);
    expect(out.stderr).toBe(`flex-sso: Wrote ${join(folder, 'sso.md')}.\n`);
    expect(readFileSync(join(folder, 'sso.md'), 'utf8')).toContain('urn:flex:JQ');
  });
});
