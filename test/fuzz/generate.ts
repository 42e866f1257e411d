/**
 * Grammar-aware generation of .rules programs with fast-check: a header, enumerations,
 * records, inputs, readings, definitions, a table, an eligibility, states, dated tables
 * and outputs, with expressions drawn from the whole grammar. Programs are often ill-typed on purpose:
 * the checker must answer every one of them with diagnostics, never an exception.
 */
import fc from 'fast-check';

const NAMES = ['a', 'b', 'total', 'amount', 'rate', 'items', 'x', 'p', 'тариф', 'бонус', 'constructor', 'toString', 'valueOf', 'class', 'Input', 'Money', 'count_', '_z'];
const name = fc.constantFrom(...NAMES);
const text = fc.oneof(
  fc.constantFrom('plain', 'кириллица', '*/ x /*', '${x}', '</script>', 'a\\"b', 'back\\\\slash', 'line\\nbreak', 'sep\u2028sep', '§ 4.1'),
  fc.string({ maxLength: 12 }).map((s) => s.replace(/["\\\r\n]/g, '')),
);
const quoted = text.map((t) => `"${t}"`);
const currency = fc.constantFrom('RUB', 'KZT', 'USD', 'EUR', 'UAH', 'XXX', 'RUR');
const number = fc.oneof(fc.nat(100000).map(String), fc.tuple(fc.nat(9999), fc.nat(99)).map(([a, b]) => `${a}.${String(b).padStart(2, '0')}`), fc.constantFrom('14 400.00', '0', '1 000 000', '99999999999999999999'));
const date = fc.tuple(fc.integer({ min: 1, max: 31 }), fc.integer({ min: 1, max: 13 }), fc.integer({ min: 1999, max: 2031 })).map(([d, m, y]) => `${String(d).padStart(2, '0')}.${String(m).padStart(2, '0')}.${y}`);
const literal = fc.oneof(
  number,
  fc.tuple(number, currency).map(([n, c]) => `${n} ${c}`),
  fc.tuple(fc.nat(150), fc.constantFrom('', '.5')).map(([n, f]) => `${n}${f}%`),
  date,
  fc.tuple(date, fc.constantFrom('10:00', '23:59', '24:00', '00:30'), fc.constantFrom('', ' Europe/Moscow', ' Asia/Almaty', ' Mars/Base')).map(([d, t, z]) => `${d} ${t}${z}`),
  fc.tuple(fc.nat(400), fc.constantFrom('days', 'day', 'months', 'years', 'business days')).map(([n, u]) => `${n} ${u}`),
  quoted, fc.constantFrom('true', 'false', 'as_of'),
);
const BINARY = ['+', '-', '*', '/', 'of', 'and', 'or', 'or else', '=', '<>', '<', '<=', '>', '>=', 'before', 'after', 'on or before', 'is', 'is not'];

/** Expressions of the language, nested at most `depth` levels. */
export const expr: fc.Arbitrary<string> = fc.letrec<{ e: string }>((tie) => ({
  e: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    literal,
    name,
    fc.tuple(name, name).map(([a, b]) => `${a}.${b}`),
    fc.tuple(tie('e'), fc.constantFrom(...BINARY), tie('e')).map(([l, op, r]) => `${l} ${op} ${r}`),
    tie('e').map((e) => `(${e})`),
    tie('e').map((e) => `not ${e}`),
    tie('e').map((e) => `-${e}`),
    fc.tuple(tie('e'), tie('e'), tie('e')).map(([c, t, e]) => `if ${c} then ${t} else ${e}`),
    fc.tuple(tie('e'), fc.array(tie('e'), { minLength: 1, maxLength: 3 })).map(([v, xs]) => `${v} is one of ${xs.join(', ')}`),
    fc.tuple(tie('e'), tie('e'), tie('e')).map(([v, a, b]) => `${v} within from ${a} through ${b}`),
    fc.tuple(fc.constantFrom('sum', 'minimum', 'maximum', 'list', 'distinct count'), name, tie('e'), tie('e')).map(([op, v, val, w]) => `${op} ${v}.amount for ${v} in items where ${w}`.replace('.amount', val.length < 20 ? '' : '.amount')),
    fc.tuple(fc.constantFrom('count', 'exists', 'no', 'each'), name, tie('e')).map(([op, v, w]) => `${op} ${v} in items where ${w}`),
    fc.tuple(fc.constantFrom('earliest', 'latest'), name, tie('e')).map(([op, v, by]) => `${op} ${v} in items by ${by}`),
    fc.tuple(fc.constantFrom('round', 'min', 'max', 'abs', 'floor', 'ceil', 'date', 'days_between', 'total'), fc.array(tie('e'), { maxLength: 3 })).map(([f, xs]) => `${f}(${xs.join(', ')})`),
    fc.array(tie('e'), { maxLength: 3 }).map((xs) => `[${xs.join(', ')}]`),
    fc.array(fc.tuple(name, tie('e')), { maxLength: 3 }).map((fs) => `{${fs.map(([k, v]) => `${k}: ${v}`).join(', ')}}`),
    fc.tuple(tie('e'), fc.array(fc.tuple(name, tie('e')), { minLength: 1, maxLength: 3 }), fc.option(tie('e'))).map(([s, arms, o]) => `match ${s} ${arms.map(([v, r]) => `when ${v} then ${r}`).join(' ')}${o ? ` otherwise ${o}` : ''}`),
    fc.tuple(tie('e'), date, tie('e'), date, tie('e')).map(([at, d1, v1, d2, v2]) => `in force on ${at}\n    until ${d1}: ${v1}\n    from ${d2}: ${v2}`),
    // absent values, clock times, computed durations, sequences, items, histories, tie-breakers
    fc.constantFrom('absent', 'previous', 'since'),
    fc.tuple(tie('e'), fc.constantFrom('23:00', '03:30:15', '24:00', '9:5'), fc.constantFrom('', ' Europe/Kyiv', ' Mars/Base')).map(([d, t, z]) => `${d} at ${t}${z}`),
    fc.tuple(tie('e'), fc.constantFrom('days', 'months', 'years', 'business days', 'hours', 'minutes')).map(([n, u]) => `(${n}) ${u}`),
    fc.tuple(fc.constantFrom('day', 'month', 'year'), tie('e'), fc.constantFrom('through', 'before'), tie('e')).map(([u, a, k, b]) => `each ${u} from ${a} ${k} ${b}`),
    fc.tuple(tie('e'), tie('e')).map(([n, l]) => `item ${n} of ${l}`),
    fc.tuple(name, tie('e')).map(([h, at]) => `${h} on ${at}`),
    fc.tuple(name, fc.option(tie('e'))).map(([h, at]) => `history of ${h}${at ? ` on ${at}` : ''}`),
    fc.tuple(fc.constantFrom('earliest', 'latest'), name, tie('e'), tie('e')).map(([op, v, by, t]) => `${op} ${v} in items by ${by} ties by ${t}`),
    fc.tuple(fc.constantFrom('start_of_month', 'end_of_year', 'year_of', 'day_of', 'months_between', 'years_between'), fc.array(tie('e'), { maxLength: 2 })).map(([f, xs]) => `${f}(${xs.join(', ')})`),
  ),
})).e;

const TYPES = ['money', 'money USD', 'percent', 'decimal', 'integer', 'boolean', 'text', 'date', 'instant', 'duration', 'Kind', 'Item', 'list of Item', 'optional date', 'interval of date', 'nothing'];
const type = fc.constantFrom(...TYPES);
const citation = fc.constantFrom('', ' §1', ' §4.1.3', ' §D');

const declaration = fc.oneof(
  fc.tuple(name, fc.array(fc.tuple(name, fc.option(quoted)), { minLength: 1, maxLength: 4 })).map(([n, vs]) => `enum ${n}: ${vs.map(([v, l]) => `${v}${l ? ` ${l}` : ''}`).join(', ')}`),
  fc.tuple(name, fc.option(quoted), fc.array(fc.tuple(name, type, fc.option(quoted)), { minLength: 1, maxLength: 4 })).map(([n, d, fs]) => `record ${n}${d ? ` ${d}` : ''}\n${fs.map(([f, t, doc]) => `  ${f}: ${t}${doc ? ` ${doc}` : ''}`).join('\n')}`),
  fc.array(fc.tuple(name, type), { minLength: 1, maxLength: 4 }).map((fs) => `input\n${fs.map(([f, t]) => `  ${f}: ${t}`).join('\n')}`),
  fc.tuple(name, fc.option(quoted), fc.array(fc.tuple(name, fc.option(quoted)), { minLength: 1, maxLength: 3 })).map(([n, t, os]) => `reading ${n}${t ? ` ${t}` : ''}\n${os.map(([o, d], i) => `  ${i === 0 ? 'default' : 'option'} ${o}${d ? ` ${d}` : ''}`).join('\n')}`),
  fc.tuple(fc.constantFrom('define', 'parameter', 'period'), name, fc.option(type), citation, expr).map(([k, n, t, c, e]) => `${k} ${n}${t ? `: ${t}` : ''}${c} = ${e}`),
  fc.tuple(name, fc.array(fc.tuple(name, expr, expr), { minLength: 1, maxLength: 3 }), fc.option(expr)).map(([n, rules, o]) => `define ${n}\n${rules.map(([r, w, t]) => `  rule ${r} when ${w} then ${t}`).join('\n')}${o ? `\n  otherwise ${o}` : ''}`),
  fc.tuple(name, fc.constantFrom('unique', 'first', 'collect', 'any'), expr, fc.array(fc.tuple(expr, expr, citation), { minLength: 1, maxLength: 4 })).map(([n, hit, col, rows]) => `table ${n} hit ${hit}\n  | ${col} || v |\n${rows.map(([c, v, cit]) => `  | ${c} || ${v} |${cit}`).join('\n')}\n  | - || 0 |`),
  fc.tuple(name, fc.array(fc.tuple(expr, fc.option(quoted)), { minLength: 1, maxLength: 3 })).map(([n, reqs]) => `eligible ${n}\n${reqs.map(([c, r]) => `  require ${c}${r ? ` otherwise ${r}` : ''}`).join('\n')}`),
  fc.tuple(name, fc.option(type), expr).map(([n, t, e]) => `output ${n}${t ? `: ${t}` : ''} = ${e}`),
  fc.tuple(name, fc.option(type), expr, expr, name, expr, fc.option(fc.oneof(expr, fc.constant('list'))), fc.array(fc.tuple(name, expr, expr), { minLength: 1, maxLength: 3 }))
    .map(([n, t, init, from, v, over, ties, rules]) => `state ${n}${t ? `: ${t}` : ''}\n  initially ${init} from ${from}\n  over ${v} in ${over}${ties ? ` ties ${ties === 'list' ? 'in list order' : `by ${ties}`}` : ''}\n${rules.map(([r, w, th]) => `  rule ${r} when ${w} then ${th}`).join('\n')}`),
  fc.tuple(name, name, name, fc.option(name), fc.oneof(expr.map((e) => ` = ${e}`), fc.array(fc.tuple(expr, expr), { minLength: 1, maxLength: 3 }).map((rows) => `\n  | on | v |\n${rows.map(([a, b]) => `  | ${a} | ${b} |`).join('\n')}`)))
    .map(([n, row, on, key, body]) => `dated ${n}: ${row} effective ${on}${key ? ` per ${key}` : ''}${body}`),
);

const header = fc.tuple(name, quoted, fc.option(quoted), fc.option(currency), fc.constantFrom('Europe/Moscow', 'Asia/Almaty', 'Europe/Kyiv', 'UTC', 'Nowhere/City'),
  fc.option(fc.constantFrom('RU', 'KZ', 'UA', 'BY')), fc.option(fc.constantFrom('half up to 0.01', 'half even to 1', 'down to 0.001', 'nearest to 0.05')), fc.option(fc.constantFrom('clamp', 'overflow', 'last')))
  .map(([n, title, source, cur, zone, cal, round, me]) => [
    `program ${n} ${title}`, source ? `  source ${source}` : '', cur ? `  currency ${cur}` : '', `  zone ${zone}`, cal ? `  calendar ${cal}` : '', round ? `  rounding ${round}` : '', me ? `  month end ${me}` : '',
  ].filter(Boolean).join('\n'));

/** A whole program: a header and up to 10 declarations, each on its own lines. */
export const program: fc.Arbitrary<string> = fc.tuple(header, fc.array(declaration, { maxLength: 10 }), fc.constantFrom('\n', '\r\n', '\r'))
  .map(([h, ds, eol]) => `${h}\n\n${ds.join('\n\n')}\n`.replace(/\n/g, eol));
