/**
 * The desktop CI workflow (.github/workflows/desktop.yml) cannot run here (Electron cannot be
 * downloaded), so it is checked here: against GitHub's workflow schema by action-validator (which
 * works offline: the schema is compiled into it), and for the parts the desktop app depends on.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../support/cli';

const WORKFLOW = join(REPO_ROOT, '.github/workflows/desktop.yml');
const VALIDATOR = join(REPO_ROOT, 'node_modules/@action-validator/cli/cli.mjs');
const text = readFileSync(WORKFLOW, 'utf8');
const scratch = mkdtempSync(join(tmpdir(), 'flex-sso-workflow-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

function validate(file: string): Promise<{ status: number | null; output: string }> {
  return new Promise((resolve, reject) => {
    // Offline: no network is needed or reached (this machine has none but the package registries).
    const child = spawn(process.execPath, [VALIDATOR, file], { cwd: REPO_ROOT });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.on('error', reject);
    child.on('close', (status) => resolve({ status, output }));
  });
}

describe('.github/workflows/desktop.yml', () => {
  it('is a valid GitHub Actions workflow', async () => {
    const result = await validate(WORKFLOW);
    expect(result.output).toBe('');
    expect(result.status).toBe(0);
  });

  it('is checked for real: the validator refuses a broken copy, saying where', async () => {
    const broken = join(scratch, 'broken.yml');
    writeFileSync(broken, text.replace('runs-on: ${{ matrix.os }}', 'runs_on: ${{ matrix.os }}'));
    const result = await validate(broken);
    expect(result.status).toBe(1);
    expect(result.output).toMatch(/Additional property 'runs_on' is not allowed/);
  });

  it('runs on Linux, macOS and Windows, on Node 22.12 or later', () => {
    expect(text).toMatch(/os: \[ubuntu-latest, macos-latest, windows-latest\]/);
    expect(text).toMatch(/node-version: "22\.x"/);
    expect(text).toMatch(/major === 22 && minor < 12/);
  });

  it('installs with npm ci, downloads Electron, rebuilds keytar for it, then builds', () => {
    const order = [
      'npm ci',
      'node node_modules/electron/install.js',
      'npx electron-builder install-app-deps',
      'npm run build',
      'npx playwright test --project electron',
      'npx electron-builder --publish never',
      'actions/upload-artifact',
    ];
    const positions = order.map((step) => text.indexOf(step));
    for (const [index, step] of order.entries()) expect(positions[index], step).toBeGreaterThan(-1);
    expect([...positions].sort((a, b) => a - b)).toEqual(positions);
  });

  it('runs the electron project under a real display on Linux, with a private unlocked keyring', () => {
    expect(text).toMatch(
      /xvfb-run --auto-servernum[\s\S]*dbus-run-session --[\s\S]*gnome-keyring-daemon --unlock --components=secrets[^\n]*npx playwright test --project electron/,
    );
  });
});
