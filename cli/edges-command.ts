/**
 * `rulebook edges <program> --input case.json`: the boundaries one scenario touched,
 * with neighbouring inputs evaluated (edges/). `--save FILE --pick …` appends chosen
 * neighbours to a scenario file; `--timeline out.svg` draws the scenario's dates.
 */
import { existsSync } from 'node:fs';
import { basename } from 'node:path';
import { load } from '../runtime/load.js';
import type { Artifact } from '../runtime/ir.js';
import { findEdges, type EdgeReport } from '../edges/find.js';
import { renderEdges } from '../edges/render.js';
import { appendScenarios, pickNeighbours } from '../edges/save.js';
import { timelineSvg } from '../edges/timeline.js';
import { checkTables } from '../analysis/table-gaps.js';
import { CliError, readText, parseJson, out, writeText } from './io.js';
import { parseArgs, one } from './args.js';
import { compileFile } from './compile-file.js';

export const EDGES_HELP = `  rulebook edges <file.rules> --input <case.json> [--as-of <instant>] [--reading <name>=<option>]…
                [--json] [--save <scenarios.yaml> --pick <E1.2,E5.1|flips>] [--name <scenario>] [--timeline <out.svg>]`;

/** The `edges` command; returns the exit code. */
export function edgesCommand(args: string[]): number {
  const usage = `Usage:\n${EDGES_HELP}`;
  const f = parseArgs(args, ['--input', '-i', '--as-of', '--reading', '--calendar', '--save', '--pick', '--name', '--timeline'], ['--json'], usage, ['--reading']);
  const opts = f.options;
  const json = f.switches.has('--json');
  const file = one(f, '.rules file', usage);
  if (!file.endsWith('.rules')) throw new CliError(`edges needs a .rules file (it quotes each test from the source), not ${file}`);
  const inputPath = opts.get('--input')?.[0] ?? opts.get('-i')?.[0];
  if (!inputPath) throw new CliError('edges needs --input <file.json> (or - for standard input)');
  const readings: Record<string, string> = {};
  for (const r of opts.get('--reading') ?? []) {
    const m = /^([^=]+)=(.+)$/.exec(r);
    if (!m) throw new CliError(`--reading takes name=option, not ${r}`);
    readings[m[1]!] = m[2]!;
  }
  const ua = opts.get('--calendar')?.[0];
  if (ua !== undefined && ua !== 'ua=peacetime' && ua !== 'ua=martial_law') throw new CliError(`--calendar takes ua=martial_law or ua=peacetime, not ${ua}`);
  const calendar = ua ? { ua: ua.slice(3) as 'peacetime' | 'martial_law' } : undefined;
  const source = readText(file);
  const input = parseJson(readText(inputPath), 'the input');
  const artifact: Artifact | undefined = compileFile(file, true);
  if (!artifact) throw new CliError(`${file} has errors; fix them first (rulebook check ${file})`, 1);
  const loaded = load(artifact);
  if (!loaded.ok) throw new CliError(`${file}: ${loaded.error.code}: ${loaded.error.message}`, 1);
  const asOf = opts.get('--as-of')?.[0];
  const report = findEdges(loaded.ruleset, input, { asOf, readings, calendar, source });
  // a bad input or reading is bad usage (2), as for eval; a failing evaluation is an error (1)
  if ('error' in report) throw new CliError(`the scenario does not evaluate: ${report.error}`, /^RB-E-(INPUT|READING)/.test(report.error) ? 2 : 1);

  const timeline = opts.get('--timeline')?.[0];
  if (timeline) {
    writeText(timeline, timelineSvg(loaded.ruleset, input, { asOf, readings, calendar }, report));
  }
  const save = opts.get('--save')?.[0];
  let saved = 0;
  if (save) {
    const pick = opts.get('--pick')?.[0];
    if (!pick) throw new CliError('--save needs --pick with neighbour ids (E5.1,E21.2) or "flips" for every neighbour that changes an output');
    const chosen = pickNeighbours(report, pick);
    if (!chosen.ok) throw new CliError(chosen.error);
    const name = opts.get('--name')?.[0] ?? basename(inputPath);
    const text = existsSync(save) ? readText(save) : '';
    writeText(save, appendScenarios(text, { name, input, asOf, readings, calendar }, chosen.picked));
    saved = chosen.picked.length;
  }
  if (json) out(JSON.stringify(stripOutputs(report), null, 2));
  else {
    out(renderEdges(report));
    if (timeline) out(`timeline written to ${timeline}`);
    if (save) out(`${saved} scenario(s) appended to ${save}; review each against its clause`);
  }
  return 0;
}

/** The JSON report without each neighbour's full outputs (its diff says what changed). */
function stripOutputs(r: EdgeReport): EdgeReport {
  const strip = (e: EdgeReport['edges'][number]) => ({ ...e, changes: e.changes.map((c) => ({ ...c, neighbours: c.neighbours.map(({ outputs: _o, ...n }) => n) })) });
  return { ...r, edges: r.edges.map(strip), noEffect: r.noEffect.map(strip) };
}

/** `rulebook check --tables <files…>`: gaps and unreachable rows of decision tables; exit 1 when any is found. */
export function tablesCommand(files: string[]): number {
  let found = 0;
  for (const file of files) {
    const artifact = compileFile(file, true);
    if (!artifact) { found++; continue; }
    for (const f of checkTables(artifact)) {
      const at = `${file}:${f.span[0]}:${f.span[1]}`;
      if (f.skipped) { out(`${at}: table ${f.table}: not analysed (${f.skipped})`); continue; }
      if (!f.gaps.length && !f.unreachable.length) { out(`${at}: table ${f.table}: every combination is covered and every row can match`); continue; }
      found++;
      for (const g of f.gaps) out(`${at}: table ${f.table}: no row covers ${g}`);
      for (const r of f.unreachable) out(`${at}: table ${f.table}: ${r} can never match: earlier rows cover every case it accepts (hit first)`);
    }
  }
  return found ? 1 : 0;
}
