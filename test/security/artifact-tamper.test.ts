/**
 * Finding 8: artifacts are checked for meaning at load, not only for shape. Each
 * tampering below is refused by `load` with RB-E-ARTIFACT and the path of the problem,
 * quickly, instead of failing (or hanging) during an evaluation.
 */
import { describe, it, expect } from 'vitest';
import { readFileSync, readdirSync } from 'node:fs';
import { load } from '../../runtime/load.js';
import type { Artifact } from '../../runtime/ir.js';
import { artifactOf, findObject } from '../runtime/helpers.js';

const sample = artifactOf(readFileSync('test/sample/every-construct.rules', 'utf8'));
const copy = (): Artifact => structuredClone(sample);

/** Finds the first object in the artifact's IR for which `pick` is true. */
const find = (a: unknown, pick: (o: Record<string, unknown>) => boolean) => findObject(a, pick, true);

const deep = (n: number): unknown => { let e: unknown = { op: 'const', type: { k: 'boolean' }, value: true }; for (let i = 0; i < n; i++) e = { op: 'not', value: e }; return e; };

const TAMPERINGS: [string, (a: Artifact) => void, RegExp][] = [
  ['an unknown zone', (a) => { a.program.zone = 'Mars/Olympus_Mons'; }, /program\.zone/],
  ['a comparison whose source span is text', (a) => { find(a, (o) => o.op === 'cmp' && o.span !== undefined).span = '<script>'; }, /\.span$/],
  ['an unknown comparison operator', (a) => { find(a, (o) => o.op === 'cmp').cmp = '=~'; }, /\.cmp$/],
  ['an unknown comparison kind', (a) => { find(a, (o) => o.op === 'cmp').kind = 'float'; }, /\.kind$/],
  ['a dangling reference', (a) => { find(a, (o) => o.op === 'ref').name = 'nowhere'; }, /\.name$/],
  ['a call with the wrong number of arguments', (a) => { (find(a, (o) => o.op === 'call').args as unknown[]).push({ op: 'as_of' }); }, /\.name$/],
  ['a cycle', (a) => {
    const d0 = a.definitions.find((d) => d.kind === 'value' && d.params.length === 0)!;
    d0.body = { op: 'ref', name: d0.name };
  }, /definitions/],
  ['an unknown function', (a) => { find(a, (o) => o.op === 'builtin').fn = 'eval'; }, /\.fn$/],
  // the evaluators ignore fields they do not know: a renamed filter was dropped and the bonus changed
  ['a filter renamed, so an evaluator would drop it', (a) => { const g = find(a, (o) => o.op === 'agg' && o.where !== undefined); g.wherex = g.where; delete g.where; }, /\.wherex$/],
  // known since the first attack: these loaded, then answered RB-E-INTERNAL when evaluated
  ['a requirement marked nested whose condition is a plain test', (a) => {
    const r = a.definitions.find((d) => d.kind === 'eligibility' && d.requirements!.some((q) => !q.nested))!.requirements!.find((q) => !q.nested)!;
    r.nested = true;
  }, /requirements\[\d+\]\.when$/],
  ['an ordering aggregation without the kind of its values', (a) => { delete find(a, (o) => o.op === 'agg' && o.kind === 'maximum').valueKind; }, /\.valueKind$/],
  ['a distinct count without the kind of its values', (a) => { delete find(a, (o) => o.op === 'agg' && o.kind === 'distinct_count').valueKind; }, /\.valueKind$/],
  // the second attack: a renamed or extra field of a part that is not an expression was ignored, and a constraint with it
  ['a version whose end was renamed', (a) => { const v = (find(a, (o) => o.op === 'effective').versions as Record<string, unknown>[]).find((x) => x.until !== undefined)!; v.untilx = v.until; delete v.until; }, /versions\[\d+\]\.untilx$/],
  ['an arm of a match with an extra field', (a) => { (find(a, (o) => o.op === 'match').arms as Record<string, unknown>[])[0]!.otherwise = true; }, /arms\[0\]\.otherwise$/],
  ['a rule whose overrides were renamed', (a) => { const r = a.definitions.find((d) => d.kind === 'rules')!.rules![0]! as unknown as Record<string, unknown>; r.overridesx = r.overrides; delete r.overrides; }, /rules\[0\]/],
  ['a rules definition carrying a body', (a) => { a.definitions.find((d) => d.kind === 'rules')!.body = { op: 'const', type: { k: 'percent' }, value: '99' }; }, /\.body$/],
  ['a value definition turned into an eligibility', (a) => { const d = a.definitions.find((x) => x.kind === 'value')!; d.kind = 'eligibility'; d.requirements = []; }, /\.body$/],
  ['a table whose hit policy was renamed', (a) => { const t = a.definitions.find((d) => d.table)!.table! as unknown as Record<string, unknown>; t.hitx = t.hit; delete t.hit; }, /table/],
  ['a table cell without negated', (a) => { delete find(a, (o) => o.t === 'in').negated; }, /tests\[\d+\]/],
  ['a table cell whose negated is "no"', (a) => { find(a, (o) => o.t === 'in').negated = 'no'; }, /tests\[\d+\]\.negated$/],
  ['a table cell with a renamed field', (a) => { const c = find(a, (o) => o.t === 'in'); c.negatedx = c.negated; delete c.negated; }, /tests\[\d+\]/],
  ['a table cell whose asDate is 1', (a) => { find(a, (o) => o.t === 'cmp').asDate = 1; }, /tests\[\d+\]\.asDate$/],
  ['an input with an extra field', (a) => { (a.inputs[0] as Record<string, unknown>).optional = true; }, /inputs\[0\]\.optional$/],
  ['an own __proto__ field in an expression', (a) => { Object.defineProperty(find(a, (o) => o.op === 'if'), '__proto__', { value: { x: 1 }, enumerable: true }); }, /\.__proto__$/],
  ['an unknown arithmetic operation', (a) => { find(a, (o) => o.op === 'arith').fn = 'pow'; }, /\.fn$/],
  ['an unknown operation', (a) => { find(a, (o) => o.op === 'if').op = 'exec'; }, /\.op$/],
  ['an unknown input', (a) => { find(a, (o) => o.op === 'input').name = 'ghost'; }, /\.name$/],
  ['an unbound local', (a) => { find(a, (o) => o.op === 'local').name = 'ghost'; }, /\.name$/],
  ['an unknown reading', (a) => { find(a, (o) => o.op === 'reading').name = 'ghost'; }, /\.name$/],
  ['a reading default that is not an option', (a) => { a.readings[0]!.default = 'ghost'; }, /readings\[0\]\.default/],
  ['a type naming no record', (a) => { a.inputs[0]!.type = { k: 'record', name: 'Ghost' }; }, /inputs\[0\]\.type/],
  ['a constant 1e999999999999', (a) => { Object.assign(find(a, (o) => o.op === 'const' && (o.type as { k: string }).k === 'integer'), { value: '1e999999999999' }); }, /\.value$/],
  ['a constant with a thousand digits', (a) => { Object.assign(find(a, (o) => o.op === 'const' && (o.type as { k: string }).k === 'money'), { value: '9'.repeat(1000) }); }, /\.value$/],
  ['a rounding unit with a million digits', (a) => { a.program.rounding.unit = `0.${'0'.repeat(1_000_000)}1`; }, /rounding/],
  ['a rounding scale of a million', (a) => { Object.assign(find(a, (o) => o.op === 'arith' && o.scale !== undefined), { scale: 1_000_000 }); }, /\.scale$/],
  ['a date constant out of range', (a) => { Object.assign(find(a, (o) => o.op === 'const' && (o.type as { k: string }).k === 'date'), { value: 1e12 }); }, /\.value$/],
  ['a duration of 1e20 days', (a) => { Object.assign(find(a, (o) => o.op === 'const' && (o.type as { k: string }).k === 'duration'), { value: { n: 1e20, unit: 'days' } }); }, /\.value$/],
  ['a table row with a missing cell', (a) => { a.definitions.find((d) => d.table)!.table!.rows[0]!.tests.pop(); }, /rows\[0\]/],
  ['an expression nested 10 000 deep', (a) => { a.outputs[0]!.body = deep(10_000) as Artifact['outputs'][number]['body']; }, /outputs\[0\]\.body/],
  ['an output named __proto__', (a) => { a.outputs[0]!.name = '__proto__'; }, /outputs\[0\]\.name/],
  ['a catastrophic pattern in the input schema', (a) => { (a.schemas.input as Record<string, unknown>).pattern = '^(a+)+$'; }, /schemas\.input\.pattern/],
  ['an alternation under a star in the input schema', (a) => { (a.schemas.input as Record<string, unknown>).pattern = '^(a|aa)*$'; }, /schemas\.input\.pattern/],
  ['an unknown schema keyword', (a) => { (a.schemas.input as Record<string, unknown>).if = { const: 1 }; }, /schemas\.input\.if/],
  ['a remote $ref', (a) => { (a.schemas.output as Record<string, unknown>).$ref = 'https://example.com/x.json'; }, /schemas\.output\.\$ref/],
  ['a huge pattern', (a) => { (a.schemas.input as Record<string, unknown>).pattern = 'a'.repeat(10_000); }, /schemas\.input\.pattern/],
];

/** A program with the constructs of histories, dated data, clock times and sequences. */
const DATED_SOURCE = `program t "T"
  currency UAH
  zone Europe/Kyiv
enum Product: cms, mobile
record Price
  from: date
  product: Product
  price: money
record Event
  on: date
  seq: integer
  points: integer
input
  paid_at: instant
  product: Product
  months: integer
  events: list of Event
  prices: list of Price
dated price_list: Price effective from per product = prices
state level(p: integer): integer
  initially 0 from 01.01.2025
  over e in events by e.on ties by e.seq
  rule up when e.points > p then previous + 1
  rule down when e.points < 0 and date(paid_at) > since then previous - 1
output price = price_list(paid_at, product).price
output now = level(0)
output on_day = level(0) on date(paid_at)
output periods = history of level(1)
output closing = date(paid_at) at 23:00
output later = date(paid_at) + months months
output firsts = each month from date(paid_at) through date(paid_at) + 1 year
output second = item 2 of events
output last = latest e in events by e.on ties by e.seq
output whole = months_between(start_of_month(date(paid_at)), end_of_year(date(paid_at)))
`;
const dated = artifactOf(DATED_SOURCE);
const datedCopy = (): Artifact => structuredClone(dated);
const op = (o: Record<string, unknown>, name: string) => o.op === name;
const defOf = (a: Artifact, kind: string) => a.definitions.find((d) => d.kind === kind)!;

/** Tamperings of histories, dated tables, clock times, sequences, items and tie-breakers. */
const NEW_CONSTRUCTS: [string, (a: Artifact) => void, RegExp][] = [
  ['a clock time in a bogus zone', (a) => { find(a, (o) => op(o, 'clock')).zone = 'Mars/Olympus_Mons'; }, /\.zone$/],
  ['a clock time of 25:00', (a) => { find(a, (o) => op(o, 'clock')).seconds = 25 * 3600; }, /\.seconds$/],
  ['a computed duration in fortnights', (a) => { find(a, (o) => op(o, 'duration_of')).unit = 'fortnights'; }, /\.unit$/],
  ['a sequence stepping by hours', (a) => { find(a, (o) => op(o, 'sequence')).unit = 'hours'; }, /\.unit$/],
  ['an item of an unbound list', (a) => { find(a, (o) => op(o, 'item')).list = { op: 'local', name: 'ghost' }; }, /\.list\.name$/],
  ['a history question naming an unknown state', (a) => { find(a, (o) => op(o, 'history')).name = 'ghost'; }, /\.name$/],
  ['a history question naming a definition that is not a state', (a) => { find(a, (o) => op(o, 'history')).name = defOf(a, 'dated').name; }, /\.name$/],
  ['a history question with the wrong number of arguments', (a) => { find(a, (o) => op(o, 'history')).args = []; }, /\.name$/],
  ['an unknown history question', (a) => { find(a, (o) => op(o, 'history')).query = 'future'; }, /\.query$/],
  ['a history question at a time without the time', (a) => { delete find(a, (o) => op(o, 'history') && o.query === 'value_at').at; }, /\.at$/],
  ['a state asked about a day while it changes at instants', (a) => {
    defOf(a, 'history').history!.keyKind = 'ms';
    find(a, (o) => op(o, 'history') && o.query === 'value_at').atKind = 'day';
  }, /\.atKind$/],
  ['a state rule using an unbound local', (a) => { defOf(a, 'history').history!.rules[0]!.when = { op: 'local', name: 'ghost' }; }, /history\.rules\[0\]\.when\.name$/],
  ['a state with two rules of one name', (a) => { const h = defOf(a, 'history').history!; h.rules[1]!.name = h.rules[0]!.name; }, /history\.rules\[1\]\.name$/],
  ['a state ordering ties twice', (a) => { defOf(a, 'history').history!.tieInListOrder = true; }, /history\.tie$/],
  ['a state with a tie-breaker of no kind', (a) => { defOf(a, 'history').history!.tieKind = 'float' as 'num'; }, /history\.tieKind$/],
  ['a state with no rules', (a) => { defOf(a, 'history').history!.rules = []; }, /history\.rules$/],
  ['a dated lookup of an unknown table', (a) => { find(a, (o) => op(o, 'dated')).name = 'ghost'; }, /\.name$/],
  ['a dated lookup without its key', (a) => { delete find(a, (o) => op(o, 'dated')).key; }, /\.key$/],
  ['a dated lookup at an unknown kind of time', (a) => { find(a, (o) => op(o, 'dated')).atKind = 'week'; }, /\.atKind$/],
  ['a dated table effective by a field it lacks', (a) => { defOf(a, 'dated').dated!.dateField = 'ghost'; }, /dated\.dateField$/],
  ['a dated table effective by a money field', (a) => { defOf(a, 'dated').dated!.dateField = 'price'; }, /dated\.dateField$/],
  ['a dated table keyed by a field it lacks', (a) => { defOf(a, 'dated').dated!.keyField = 'ghost'; }, /dated\.keyField$/],
  ['a dated table reading an unknown input', (a) => { defOf(a, 'dated').dated!.inputPath = 'ghost'; }, /dated\.inputPath$/],
  ['a dated table reporting errors in another input', (a) => { defOf(a, 'dated').dated!.inputPath = 'events'; }, /dated\.inputPath$/],
  ['a state whose item is named previous', (a) => { defOf(a, 'history').history!.variable = 'previous'; }, /history\.variable$/],
  ['a state whose tie-breaker field was renamed', (a) => { const h = defOf(a, 'history').history! as unknown as Record<string, unknown>; h.tiex = h.tie; delete h.tie; }, /history/],
  ['a dated lookup table with an extra field', (a) => { (defOf(a, 'dated').dated! as unknown as Record<string, unknown>).until = 'x'; }, /dated\.until$/],
  ['a dated table with parameters', (a) => { defOf(a, 'dated').params = [{ name: 'x', type: { k: 'integer' } }]; }, /params$/],
  ['a tie-breaker on a sum', (a) => { Object.assign(find(a, (o) => op(o, 'agg') && o.tie !== undefined), { kind: 'sum' }); }, /\.tie$/],
  ['a tie-breaker without its kind', (a) => { delete find(a, (o) => op(o, 'agg') && o.tie !== undefined).tieKind; }, /\.tieKind$/],
  ['a calendar function with two arguments', (a) => { (find(a, (o) => op(o, 'builtin') && o.fn === 'end_of_year').args as unknown[]).push({ op: 'as_of' }); }, /\.args$/],
  ['a duration of a billion hours', (a) => {
    a.outputs[0]!.body = { op: 'const', type: { k: 'duration' }, value: { n: 1e12, unit: 'hours' } };
  }, /outputs\[0\]\.body\.value$/],
];

const ledger = artifactOf(readFileSync('test/sample/bonus-use.rules', 'utf8'));
const intl = artifactOf(readFileSync('programs/partner-intl.rules', 'utf8'));
const rename = (o: Record<string, unknown>, k: string) => { o[`${k}x`] = o[k]; delete o[k]; };

/** Renamed fields of ledgers and conversion routes: ignored before, with the limit or the cancellation they carried. */
const LEDGERS_AND_ROUTES: [string, (a: Artifact) => void, RegExp, () => Artifact][] = [
  ['a ledger whose draw limit was renamed', (a) => { rename(defOf(a, 'ledger').ledger!.draws as unknown as Record<string, unknown>, 'limit'); }, /ledger\.draws\.limitx$/, () => structuredClone(ledger)],
  ['a ledger whose cancellation was renamed', (a) => { rename(defOf(a, 'ledger').ledger!.lots as unknown as Record<string, unknown>, 'cancelled'); }, /ledger\.lots\.cancelledx$/, () => structuredClone(ledger)],
  ['a conversion route with an extra field', (a) => { (Object.values(find(a, (o) => o.op === 'convert_money').routes as object)[0] as Record<string, unknown>).until = 1; }, /routes\.[A-Z]{3}\.until$/, () => structuredClone(intl)],
  ['a conversion route that is null', (a) => { const r = find(a, (o) => o.op === 'convert_money').routes as Record<string, unknown>; r[Object.keys(r)[0]!] = null; }, /routes\.[A-Z]{3}$/, () => structuredClone(intl)],
];

describe('tampered artifacts are refused at load', () => {
  it.each([...TAMPERINGS.map(([w, t, p]) => [w, t, p, copy] as const), ...NEW_CONSTRUCTS.map(([w, t, p]) => [w, t, p, datedCopy] as const), ...LEDGERS_AND_ROUTES])('%s', (_what, tamper, path, fresh) => {
    const a = fresh();
    tamper(a);
    const r = load(JSON.parse(JSON.stringify(a)));
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.error.code).toBe('RB-E-ARTIFACT');
      expect(r.error.path).toMatch(path);
      expect(r.error.message).not.toMatch(/undefined|\[object/);
    }
  });
});

describe('every compiled program still loads', () => {
  const files = [
    ...readdirSync('programs').filter((f) => f.endsWith('.rules')).map((f) => `programs/${f}`),
    ...readdirSync('test/fixtures/runtime').filter((f) => f.endsWith('.rules')).map((f) => `test/fixtures/runtime/${f}`),
    ...readdirSync('test/sample').filter((f) => f.endsWith('.rules')).map((f) => `test/sample/${f}`),
  ];
  it.each(files)('%s', (file) => {
    const r = load(artifactOf(readFileSync(file, 'utf8')));
    expect(r.ok ? 'ok' : `${r.error.path}: ${r.error.message}`).toBe('ok');
  });
});
