import { CliUsageError } from './errors';

/**
 * Reads a secret for `flex-sso idp sign-in`: from a terminal with a prompt and no echo, or from
 * standard input when it is redirected (`< key.pem`, a pipe). Never from an argument.
 */

export interface SecretInputOptions {
  prompt: string;
  /** Read several lines (a PEM key), up to and including its -----END …----- line. */
  pem?: boolean;
  maxBytes?: number;
  input?: NodeJS.ReadableStream & { isTTY?: boolean; setRawMode?: (raw: boolean) => unknown };
  output?: NodeJS.WritableStream;
}

const DEFAULT_MAX = 64_000;
const PEM_END = /-----END [A-Z0-9 ]+-----\s*$/;

function readAll(input: NodeJS.ReadableStream, maxBytes: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    input.on('data', (chunk: Buffer | string) => {
      const bytes = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
      size += bytes.length;
      if (size > maxBytes) {
        reject(new CliUsageError(`the secret on standard input is longer than ${maxBytes} bytes; give only the token, secret or key`));
        input.pause();
        return;
      }
      chunks.push(bytes);
    });
    input.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    input.on('error', (error: Error) => reject(new CliUsageError(`standard input could not be read: ${error.message}`)));
  });
}

function readHidden(options: Required<Pick<SecretInputOptions, 'prompt' | 'maxBytes'>> & SecretInputOptions): Promise<string> {
  const input = options.input!;
  const output = options.output!;
  return new Promise((resolve, reject) => {
    let text = '';
    const finish = (error: Error | null): void => {
      input.removeListener('data', onData);
      input.setRawMode?.(false);
      input.pause();
      output.write('\n');
      if (error) reject(error);
      else resolve(text);
    };
    const onData = (chunk: Buffer | string): void => {
      for (const ch of typeof chunk === 'string' ? chunk : chunk.toString('utf8')) {
        if (ch === '\u0003') return finish(new CliUsageError('cancelled: nothing was stored'));
        if (ch === '\u0004') return finish(null);
        if (ch === '\r' || ch === '\n') {
          if (!options.pem || PEM_END.test(text)) return finish(null);
          text += '\n';
        } else if (ch === '\u007f' || ch === '\b') {
          text = text.slice(0, -1);
        } else {
          text += ch;
        }
        if (text.length > options.maxBytes)
          return finish(new CliUsageError(`that is longer than ${options.maxBytes} characters; give only the token, secret or key`));
      }
    };
    output.write(options.prompt);
    input.setRawMode?.(true);
    input.on('data', onData);
    input.resume();
  });
}

export async function readSecret(options: SecretInputOptions): Promise<string> {
  const input = options.input ?? process.stdin;
  const output = options.output ?? process.stderr;
  const maxBytes = options.maxBytes ?? DEFAULT_MAX;
  const text = input.isTTY ? await readHidden({ ...options, input, output, maxBytes }) : await readAll(input, maxBytes);
  const value = text.trim();
  if (!value) throw new CliUsageError('no secret was given: type it at the prompt, or redirect it into standard input (never as an argument)');
  return value;
}
