import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { createApiHandlers } from '../services/api-handlers';
import { startWebHost } from './server';
import { APP_NAME, APP_VERSION } from '../services/app-identity';

function fail(message: string): never {
  process.stderr.write(`dev:web: ${message}\n`);
  process.exit(2);
}

async function main(): Promise<void> {
  let values: { port?: string; renderer?: string };
  try {
    ({ values } = parseArgs({ options: { port: { type: 'string' }, renderer: { type: 'string' } }, allowPositionals: false }));
  } catch (error) {
    fail(`${error instanceof Error ? error.message : String(error)}. Usage: npm run dev:web -- [--port P]`);
  }
  const port = values.port === undefined ? 5199 : Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) fail(`--port must be a whole number from 0 to 65535, not "${values.port}".`);
  const rendererDir = resolve(values.renderer ?? 'out/renderer');
  try {
    const host = await startWebHost({
      rendererDir,
      port,
      handlers: createApiHandlers({ host: 'web', appName: APP_NAME, appVersion: APP_VERSION }),
      log: (line) => process.stderr.write(`[web-host] ${line}\n`),
    });
    process.stdout.write(`Flex SSO Wizard is ready at ${host.url}\n`);
    const stop = (): void => void host.close().then(() => process.exit(0));
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EADDRINUSE') fail(`port ${port} is already in use; choose another with --port.`);
    fail(error instanceof Error ? error.message : String(error));
  }
}

void main();
