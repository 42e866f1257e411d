/**
 * The `rulebook` command line: check, compile, schema, types, eval, test, serve.
 * Exit codes: 0 ok, 1 errors or failing scenarios, 2 bad usage or bad input.
 * Each command imports what it needs when it runs: `--help` loads none of the
 * compiler, `eval` of an artifact none of the parser, so the command starts fast.
 */
import { CliError, out, err, errText, writeText } from './io.js';
import { parseArgs, one } from './args.js';

export const HELP = `rulebook — the rules language for partner programs and promotions

Usage:
  rulebook check <files…> [--tables]      check .rules files (exit 0 clean, 1 with errors); --tables: table gaps
  rulebook compile <file> [-o out.json]   compile to a versioned JSON artifact
  rulebook schema <file>                  JSON Schema of the program's input
  rulebook types <file> [--runtime <module>]
                                          TypeScript declarations of input and output,
                                          and Program = Ruleset<Input, Output> (imported
                                          from --runtime, default rulebook/runtime)
  rulebook eval <file.rules|artifact.json> --input <file.json|-> [--as-of <instant>]
                [--reading <name>=<option>]… [--calendar ua=peacetime|ua=martial_law]
                [--explain] [--json]      --explain prints a readable explanation;
                                          with --json, outputs and trace as JSON
                [--output <name>]…        compute only these outputs
  rulebook eval <file> --batch <in.ndjson|-> [--workers N] [--output <name>]…
                                          one result line per input line, in order;
                                          a bad line (or one over 64 MB) gives an error
                                          line, not an abort;
                                          --workers N evaluates in N processes
  rulebook test [paths…] [--coverage]     run scenario files (default: all of programs/)
  rulebook serve <folder> [--port 8080] [--host 127.0.0.1] [--body-limit 1048576] [--request-timeout 300] [--no-watch]
                                          evaluate the folder's programs over HTTP
  rulebook edges <file.rules> --input <case.json> [--as-of <instant>] [--reading <name>=<option>]…
                [--json] [--save <scenarios.yaml> --pick <E1.2,E5.1|flips>] [--name <scenario>] [--timeline <out.svg>]
                                          the boundaries one case touched, with neighbouring cases evaluated

Exit codes: 0 success, 1 errors or failing scenarios, 2 bad usage or bad input.`;

async function run(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  switch (command) {
    case undefined: case 'help': case '--help': case '-h':
      out(HELP);
      return 0;
    case 'check': {
      const f = parseArgs(rest, [], ['--tables'], HELP);
      if (!f.positional.length) throw new CliError('check needs at least one file', 2, `\n${HELP}`);
      if (f.switches.has('--tables')) {
        const { tablesCommand } = await import('./edges-command.js');
        return tablesCommand(f.positional);
      }
      const { compileFile } = await import('./compile-file.js');
      let failed = 0;
      for (const p of f.positional) if (!compileFile(p)) failed++;
      if (!failed) out(`${f.positional.length} file(s) checked, no errors`);
      return failed ? 1 : 0;
    }
    case 'compile': {
      const f = parseArgs(rest, ['-o', '--output'], [], HELP);
      const { compileFile } = await import('./compile-file.js');
      const a = compileFile(one(f, '.rules file', HELP));
      if (!a) return 1;
      const text = `${JSON.stringify(a, null, 2)}\n`;
      const target = f.options.get('-o')?.[0] ?? f.options.get('--output')?.[0];
      if (target) writeText(target, text); else process.stdout.write(text);
      return 0;
    }
    case 'schema': case 'types': {
      const f = parseArgs(rest, command === 'types' ? ['--runtime'] : [], [], HELP);
      const { compileFile } = await import('./compile-file.js');
      const a = compileFile(one(f, '.rules file', HELP), true);
      if (!a) return 1;
      if (command === 'schema') { process.stdout.write(`${JSON.stringify(a.schemas.input, null, 2)}\n`); return 0; }
      const { typeDeclarations } = await import('../compiler/ts-types.js');
      process.stdout.write(typeDeclarations(a, { runtimeModule: f.options.get('--runtime')?.[0] }));
      return 0;
    }
    case 'eval': {
      const { evalCommand } = await import('./eval-command.js');
      return evalCommand(rest, HELP);
    }
    case 'edges': {
      const { edgesCommand } = await import('./edges-command.js');
      return edgesCommand(rest);
    }
    case 'test': {
      const f = parseArgs(rest, [], ['--coverage'], HELP);
      const { runTests } = await import('./test-command.js');
      return runTests(f.positional, f.switches.has('--coverage'));
    }
    case 'serve': {
      const { serveCommand } = await import('./serve-command.js');
      return serveCommand(rest, HELP);
    }
    default:
      throw new CliError(`unknown command ${command}`, 2, `\n${HELP}`);
  }
}

/** Runs the CLI; returns the exit code. Never lets a stack trace reach the user for bad input. */
export async function main(argv: string[]): Promise<number> {
  try {
    return await run(argv);
  } catch (e) {
    if (e instanceof CliError) {
      err(`error: ${e.message}`);
      if (e.after !== undefined) errText(e.after);
      return e.exitCode;
    }
    errText(`internal error: ${(e as Error)?.stack ?? String(e)}`);
    return 1;
  }
}
