import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { CliUsageError } from '../../electron/cli/errors';
import { readSecret } from '../../electron/cli/secret-input';

/** A terminal as Node presents one: isTTY and setRawMode; what the user types arrives as data. */
function terminal(): { input: PassThrough & { isTTY: boolean; setRawMode: (raw: boolean) => void; raw: boolean[] }; output: PassThrough; shown: () => string } {
  const input = Object.assign(new PassThrough(), {
    isTTY: true,
    raw: [] as boolean[],
    setRawMode(raw: boolean) {
      input.raw.push(raw);
    },
  });
  const output = new PassThrough();
  let shown = '';
  output.on('data', (d: Buffer) => (shown += d.toString()));
  return { input, output, shown: () => shown };
}

describe('reading a secret for idp sign-in', () => {
  it('at a terminal: prompts, echoes nothing, honours backspace, and leaves raw mode', async () => {
    const { input, output, shown } = terminal();
    const reading = readSecret({ prompt: 'Token: ', input, output });
    input.write('s3cr');
    input.write('x\u007fet\r');
    expect(await reading).toBe('s3cret');
    expect(shown()).toBe('Token: \n');
    expect(input.raw).toEqual([true, false]);
  });

  it('a PEM key at a terminal: every line up to its END line', async () => {
    const { input, output } = terminal();
    const reading = readSecret({ prompt: 'Key: ', pem: true, input, output });
    input.write('-----BEGIN PRIVATE KEY-----\rMIIB\r-----END PRIVATE KEY-----\r');
    expect(await reading).toBe('-----BEGIN PRIVATE KEY-----\nMIIB\n-----END PRIVATE KEY-----');
  });

  it('Ctrl-C cancels with a usage error; an empty answer is refused', async () => {
    const { input, output } = terminal();
    const cancelled = readSecret({ prompt: 'Token: ', input, output });
    input.write('abc\u0003');
    await expect(cancelled).rejects.toThrow(/cancelled: nothing was stored/);
    const second = terminal();
    const empty = readSecret({ prompt: 'Token: ', input: second.input, output: second.output });
    second.input.write('\r');
    await expect(empty).rejects.toBeInstanceOf(CliUsageError);
  });

  it('from redirected standard input: all of it, trimmed, and bounded', async () => {
    const piped = new PassThrough();
    const reading = readSecret({ prompt: 'unused', input: piped, output: new PassThrough() });
    piped.end('  token-from-a-pipe\n');
    expect(await reading).toBe('token-from-a-pipe');
    const huge = new PassThrough();
    const tooLong = readSecret({ prompt: 'unused', input: huge, output: new PassThrough(), maxBytes: 10 });
    huge.end('x'.repeat(100));
    await expect(tooLong).rejects.toThrow(/longer than 10 bytes/);
  });
});
