import { Command, CommanderError } from 'commander';
import { APP_VERSION } from '../services/app-identity';
import { CliUsageError, EXIT_USAGE } from './errors';
import { firstLine, printProblem } from './output';
import { registerValuesCommand } from './commands/values';
import { registerChecklistCommand } from './commands/checklist';
import { registerMetadataCommand } from './commands/metadata';
import { registerAnalyzeCommand } from './commands/analyze';
import { registerTestLoginCommand } from './commands/test-login';
import { registerIdpCommand } from './commands/idp';
import { errorMessage } from '../../shared/errors';

function buildProgram(): Command {
  const program = new Command('flex-sso')
    .description('Set up and check SAML single sign-on between an identity provider and Twilio Flex or Frontline. Offline unless a command says otherwise.')
    .version(APP_VERSION, '-v, --version')
    .showSuggestionAfterError(true)
    .exitOverride()
    .configureOutput({ writeErr: () => {}, outputError: () => {} });

  registerValuesCommand(program);
  registerChecklistCommand(program);
  registerMetadataCommand(program);
  registerAnalyzeCommand(program);
  registerTestLoginCommand(program);
  registerIdpCommand(program);
  return program;
}

/** Runs the CLI and returns the exit status; every failure becomes one line on stderr. */
export async function runCli(argv: string[]): Promise<number> {
  const program = buildProgram();
  try {
    await program.parseAsync(argv, { from: 'user' });
    return process.exitCode === undefined ? 0 : Number(process.exitCode);
  } catch (error) {
    if (error instanceof CommanderError) {
      if (error.code === 'commander.helpDisplayed' || error.code === 'commander.version' || error.code === 'commander.help') return 0;
      if (error.code === 'commander.executeSubCommandAsync') return 0;
      printProblem(`${firstLine(error.message)} (see flex-sso --help)`);
      return EXIT_USAGE;
    }
    if (error instanceof CliUsageError) {
      printProblem(error.message);
      return EXIT_USAGE;
    }
    printProblem(`Unexpected failure: ${firstLine(errorMessage(error))}`);
    return EXIT_USAGE;
  }
}
