import { Command, CommanderError } from 'commander';
import { isOdysseyError } from '../core/errors.js';
import { type CliIO, processIO } from './io.js';
import { registerData } from './commands/data.js';
import { registerSearch } from './commands/search.js';
import { registerDemo } from './commands/demo.js';
import { registerRank } from './commands/rank.js';
import { registerBench } from './commands/bench.js';
import { registerExtract } from './commands/extract.js';
import { registerCase } from './commands/case.js';
import { registerReanalyze } from './commands/reanalyze.js';
import { registerBackup } from './commands/backup.js';
import { registerReport } from './commands/report.js';
import { registerProviders } from './commands/providers.js';
import { registerServe } from './commands/serve.js';
import { registerDdx } from './commands/ddx.js';

export function buildProgram(io: CliIO): Command {
  const program = new Command('odyssey')
    .description('Odyssey: phenotype-driven diagnostic reasoning for rare genetic disease')
    .version('0.1.0')
    .exitOverride()
    .configureOutput({ writeOut: (s) => io.out(s), writeErr: (s) => io.err(s) })
    .showHelpAfterError('(run `odyssey --help` for the commands)');
  registerData(program, io);
  registerSearch(program, io);
  registerRank(program, io);
  registerProviders(program, io);
  registerBench(program, io);
  registerExtract(program, io);
  registerCase(program, io);
  registerReanalyze(program, io);
  registerBackup(program, io);
  registerReport(program, io);
  registerDdx(program, io);
  registerServe(program, io);
  registerDemo(program, io);
  return program;
}

/**
 * Runs the CLI and returns the exit code: 0 ok, 1 usage error, 2 an error the user can fix
 * (printed with its fix, no stack trace). Anything else is a bug and keeps its stack.
 */
export async function run(argv: string[], io: CliIO = processIO): Promise<number> {
  const program = buildProgram(io);
  try {
    await program.parseAsync(argv);
    return 0;
  } catch (e) {
    if (e instanceof CommanderError) return e.exitCode === 0 ? 0 : 1;
    if (isOdysseyError(e)) {
      io.err(`error: ${e.message}`);
      if (e.hint) io.err(`  fix: ${e.hint}`);
      return 2;
    }
    throw e;
  }
}
