import { beforeAll, describe, expect, it } from 'vitest';
import { ensureCliBuilt, runCli } from '../support/cli';

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
