/**
 * The `rulebook` command line: check, compile, schema, types, eval, test.
 * Exit codes: 0 ok, 1 errors or failing scenarios, 2 bad usage or bad input.
 */
import { writeFileSync } from 'node:fs';
import { typeDeclarations } from '../compiler/ts-types.js';
import { load } from '../runtime/load.js';
import { renderTrace, renderReadings } from '../runtime/explain.js';
import type { Artifact } from '../runtime/ir.js';
import { CliError, readText, parseJson, out, err } from './io.js';
import { runTests } from './test-command.js';
import { compileFile } from './compile-file.js';
import { edgesCommand, tablesCommand, EDGES_HELP } from './edges-command.js';

const HELP = `rulebook — the rules language for partner programs and promotions

Usage:
  rulebook check <files…> [--tables]      check .rules files (exit 0 clean, 1 with errors); --tables: table gaps
  rulebook compile <file> [-o out.json]   compile to a versioned JSON artifact
  rulebook schema <file>                  JSON Schema of the program's input
  rulebook types <file>                   TypeScript declarations of input and output
  rulebook eval <file.rules|artifact.json> --input <file.json|-> [--as-of <instant>]
                [--reading <name>=<option>]… [--calendar ua=peacetime|ua=martial_law] [--explain]
  rulebook test [paths…] [--coverage]     run scenario files (default: all of programs/)
${EDGES_HELP}

Exit codes: 0 success, 1 errors or failing scenarios, 2 bad usage or bad input.`;

function artifactFrom(path: string): Artifact {
  if (path.endsWith('.json')) return parseJson(readText(path), path) as Artifact;
  const a = compileFile(path, true);
  if (!a) throw new CliError(`${path} has errors; fix them first (rulebook check ${path})`, 1);
  return a;
}

interface Flags { positional: string[]; options: Map<string, string[]>; switches: Set<string> }

function parseArgs(args: string[], withValue: string[], switches: string[]): Flags {
  const f: Flags = { positional: [], options: new Map(), switches: new Set() };
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (withValue.includes(a)) {
      const v = args[++i];
      if (v === undefined) throw new CliError(`${a} needs a value`);
      f.options.set(a, [...(f.options.get(a) ?? []), v]);
    } else if (switches.includes(a)) f.switches.add(a);
    else if (a.startsWith('-') && a !== '-') throw new CliError(`unknown option ${a}\n\n${HELP}`);
    else f.positional.push(a);
  }
  return f;
}

function one(f: Flags, what: string): string {
  if (f.positional.length !== 1) throw new CliError(`expected exactly one ${what}\n\n${HELP}`);
  return f.positional[0]!;
}

async function run(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  switch (command) {
    case undefined: case 'help': case '--help': case '-h':
      out(HELP);
      return 0;
    case 'check': {
      const f = parseArgs(rest, [], ['--tables']);
      if (!f.positional.length) throw new CliError(`check needs at least one file\n\n${HELP}`);
      if (f.switches.has('--tables')) return tablesCommand(f.positional);
      let failed = 0;
      for (const p of f.positional) if (!compileFile(p)) failed++;
      if (!failed) out(`${f.positional.length} file(s) checked, no errors`);
      return failed ? 1 : 0;
    }
    case 'compile': {
      const f = parseArgs(rest, ['-o', '--output'], []);
      const a = compileFile(one(f, '.rules file'));
      if (!a) return 1;
      const text = `${JSON.stringify(a, null, 2)}\n`;
      const target = f.options.get('-o')?.[0] ?? f.options.get('--output')?.[0];
      if (target) writeFileSync(target, text); else process.stdout.write(text);
      return 0;
    }
    case 'schema': case 'types': {
      const f = parseArgs(rest, [], []);
      const a = compileFile(one(f, '.rules file'), true);
      if (!a) return 1;
      process.stdout.write(command === 'schema' ? `${JSON.stringify(a.schemas.input, null, 2)}\n` : typeDeclarations(a));
      return 0;
    }
    case 'eval': return evalCommand(rest);
    case 'edges': return edgesCommand(rest);
    case 'test': {
      const f = parseArgs(rest, [], ['--coverage']);
      return runTests(f.positional, f.switches.has('--coverage'));
    }
    default:
      throw new CliError(`unknown command ${command}\n\n${HELP}`);
  }
}

function evalCommand(args: string[]): number {
  const f = parseArgs(args, ['--input', '-i', '--as-of', '--reading', '--calendar'], ['--explain']);
  const file = one(f, 'program (.rules or artifact .json)');
  const inputPath = f.options.get('--input')?.[0] ?? f.options.get('-i')?.[0];
  if (!inputPath) throw new CliError('eval needs --input <file.json> (or - for standard input)');
  const readings: Record<string, string> = {};
  for (const r of f.options.get('--reading') ?? []) {
    const m = /^([^=]+)=(.+)$/.exec(r);
    if (!m) throw new CliError(`--reading takes name=option, not ${r}`);
    readings[m[1]!] = m[2]!;
  }
  const calendarOption = f.options.get('--calendar')?.[0];
  if (calendarOption !== undefined && calendarOption !== 'ua=peacetime' && calendarOption !== 'ua=martial_law') {
    throw new CliError(`--calendar takes ua=martial_law (the law in force on each date, the default) or ua=peacetime (what if martial law had ended), not ${calendarOption}`);
  }
  const calendar = calendarOption ? { ua: calendarOption.slice(3) as 'peacetime' | 'martial_law' } : undefined;
  const input = parseJson(readText(inputPath), 'the input');
  const loaded = load(artifactFrom(file));
  if (!loaded.ok) throw new CliError(`${file}: ${loaded.error.code}: ${loaded.error.message}`, 1);
  const explain = f.switches.has('--explain');
  const result = loaded.ruleset.evaluate(input, { asOf: f.options.get('--as-of')?.[0], readings, explain, calendar });
  if (!result.ok) {
    const e = result.error;
    if (e.code === 'RB-E-INPUT' || e.code === 'RB-E-READING') {
      if (e.problems) for (const p of e.problems) err(`error ${e.code}: ${p.path} ${p.message}`);
      else err(`error ${e.code}: ${e.message}`);
      return 2;
    }
    err(`error ${e.code}: ${e.message}${e.span ? ` (${file}:${e.span[0]}:${e.span[1]})` : ''}`);
    return 1;
  }
  const payload: Record<string, unknown> = { outputs: result.outputs };
  if (explain) {
    payload.readings = result.readings;
    // a summary (each output and what it rests on directly) for a first read, then the full tree
    payload.summary = `${renderTrace(result.trace ?? [], 2)}\n${renderReadings(result.readings)}`;
    payload.explanation = `${renderTrace(result.trace ?? [])}\n${renderReadings(result.readings)}`;
    payload.trace = result.trace;
  }
  out(JSON.stringify(payload, null, 2));
  return 0;
}

/** Runs the CLI; returns the exit code. Never lets a stack trace reach the user for bad input. */
export async function main(argv: string[]): Promise<number> {
  try {
    return await run(argv);
  } catch (e) {
    if (e instanceof CliError) { err(`error: ${e.message}`); return e.exitCode; }
    err(`internal error: ${(e as Error)?.stack ?? String(e)}`);
    return 1;
  }
}
