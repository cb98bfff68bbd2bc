import type { Command } from 'commander';
import { CliUsageError } from '../errors';

/** Registers a command that is part of the CLI contract but not built yet; it says so plainly. */
export function registerNotBuilt(program: Command, name: string, summary: string): void {
  program
    .command(name)
    .description(summary)
    .allowUnknownOption(true)
    .allowExcessArguments(true)
    .action(() => {
      throw new CliUsageError(`"${name}" is not available in this version yet.`);
    });
}
