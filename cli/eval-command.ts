/**
 * `rulebook eval`: evaluates a program (.rules, compiled on the fly, or an artifact .json)
 * on one input. Prints the outputs as JSON; with --explain a readable summary and the full
 * explanation as text, or with --explain --json everything as one JSON document.
 */
// the runtime's entry: in dist/ one bundled module, so `eval` starts without linking ~56 files
import { load, renderTrace, renderReadings } from '../runtime/index.js';
import type { Artifact } from '../runtime/ir.js';
import { CliError, readText, parseJson, out, err } from './io.js';
import { parseArgs, one } from './args.js';

async function artifactFrom(path: string): Promise<Artifact> {
  if (path.endsWith('.json')) return parseJson(readText(path), path) as Artifact;
  const { compileFile } = await import('./compile-file.js'); // the compiler only for .rules
  const a = compileFile(path, true);
  if (!a) throw new CliError(`${path} has errors; fix them first (rulebook check ${path})`, 1);
  return a;
}

/** Runs `rulebook eval <args>`; returns the exit code. */
export async function evalCommand(args: string[], help: string): Promise<number> {
  const f = parseArgs(args, ['--input', '-i', '--as-of', '--reading', '--calendar', '--output', '--batch', '--workers'], ['--explain', '--json'], help, ['--reading', '--output']);
  const file = one(f, 'program (.rules or artifact .json)', help);
  const inputPath = f.options.get('--input')?.[0] ?? f.options.get('-i')?.[0];
  const batchPath = f.options.get('--batch')?.[0];
  if (!inputPath && !batchPath) throw new CliError('eval needs --input <file.json> (or - for standard input), or --batch <file.ndjson>');
  if (inputPath && batchPath) throw new CliError('eval takes --input (one input) or --batch (one input per line), not both');
  const outputs = f.options.get('--output');
  // prototype-less, so `--reading __proto__=x` is a reading name like any other (and refused as unknown)
  const readings: Record<string, string> = Object.create(null);
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
  const loaded = load(await artifactFrom(file));
  if (!loaded.ok) throw new CliError(`${file}: ${loaded.error.code}: ${loaded.error.message}`, 1);
  const known = loaded.ruleset.artifact.outputs.map((o) => o.name);
  for (const o of outputs ?? []) if (!known.includes(o)) throw new CliError(`--output ${o}: the program has no such output; its outputs are ${known.join(', ')}`);
  const explain = f.switches.has('--explain');
  const options = { asOf: f.options.get('--as-of')?.[0], readings, explain, calendar, ...(outputs ? { outputs } : {}) };
  if (batchPath) {
    if (explain) throw new CliError('--batch gives outputs only; explain one input with --input and --explain');
    const w = f.options.get('--workers')?.[0] ?? '1';
    if (!/^[1-9]\d{0,2}$/.test(w)) throw new CliError(`--workers takes a whole number from 1 to 999, not ${w}`);
    const { runBatch } = await import('./batch.js');
    return runBatch(batchPath, loaded.ruleset, options, Number(w));
  }
  const input = parseJson(readText(inputPath!), 'the input');
  const result = loaded.ruleset.evaluate(input, options);
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
  if (!explain) { out(JSON.stringify({ outputs: result.outputs }, null, 2)); return 0; }
  // a sentence per output (its value and what it rests on directly) for a first read, then the full tree
  const { summarizeTrace } = await import('../runtime/explain-summary.js');
  const docs = Object.fromEntries(loaded.ruleset.artifact.outputs.map((o) => [o.name, o.doc]));
  const summary = `${summarizeTrace(result.trace ?? [], docs)}\n${renderReadings(result.readings)}`;
  const explanation = `${renderTrace(result.trace ?? [])}\n${renderReadings(result.readings)}`;
  if (f.switches.has('--json')) {
    out(JSON.stringify({ outputs: result.outputs, readings: result.readings, summary, explanation, trace: result.trace }, null, 2));
  } else {
    out(`Summary: each output in one sentence\n\n${summary}\n\nExplanation\n\n${explanation}`);
  }
  return 0;
}
