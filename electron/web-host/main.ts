import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { createApiHandlers } from '../services/api-handlers';
import { startWebHost } from './server';
import { createWebHostServices, defaultUserDataFolder } from './services';
import { errorMessage } from '../../shared/errors';

const USAGE = 'Usage: npm run dev:web -- [--port P] [--user-data DIR] [--headless-login] [--browser PATH]';

function fail(message: string): never {
  process.stderr.write(`dev:web: ${message}\n`);
  process.exit(2);
}

async function main(): Promise<void> {
  let values: { port?: string; renderer?: string; 'user-data'?: string; 'headless-login'?: boolean; browser?: string; 'twilio-base-url'?: string };
  try {
    ({ values } = parseArgs({
      options: {
        port: { type: 'string' },
        renderer: { type: 'string' },
        'user-data': { type: 'string' },
        'headless-login': { type: 'boolean' },
        browser: { type: 'string' },
        // tests only: a fake Twilio server (tests/support/fake-twilio)
        'twilio-base-url': { type: 'string' },
      },
      allowPositionals: false,
    }));
  } catch (error) {
    fail(`${errorMessage(error)}. ${USAGE}`);
  }
  const port = values.port === undefined ? 5199 : Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) fail(`--port must be a whole number from 0 to 65535, not "${values.port}".`);
  const rendererDir = resolve(values.renderer ?? 'out/renderer');
  const dataFolder = resolve(values['user-data'] ?? defaultUserDataFolder());
  const log = (line: string): void => void process.stderr.write(`[web-host] ${line}\n`);
  try {
    const services = await createWebHostServices({
      dataFolder,
      headlessLogin: values['headless-login'] ?? false,
      ...(values.browser ? { browser: values.browser } : {}),
      ...(values['twilio-base-url'] ? { twilioBaseUrl: values['twilio-base-url'] } : {}),
      log,
    });
    const host = await startWebHost({ rendererDir, port, handlers: createApiHandlers(services), downloads: services.downloads, log });
    // The launch link is the key to the owner's profiles and secrets: only this terminal sees it.
    process.stdout.write(
      `Flex SSO Wizard is ready. Open it with this link (it works once, in one browser):\n  ${host.newLaunchUrl()}\n(profiles and exports in ${dataFolder})\n`,
    );
    if (process.stdin.isTTY) {
      process.stdout.write('Press Enter here for a new link.\n');
      process.stdin.on('data', () => void process.stdout.write(`  ${host.newLaunchUrl()}\n`));
    }
    const stop = (): void => {
      services.tasks.cancelAll();
      void host.close().then(() => process.exit(0));
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EADDRINUSE') fail(`port ${port} is already in use; choose another with --port.`);
    fail(errorMessage(error));
  }
}

void main();
