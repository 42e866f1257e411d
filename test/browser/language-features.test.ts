/**
 * The editor's language features (playground/src/editor: index, hover, go to
 * definition, completion) run in Node against every program: every name must resolve
 * (builtins aside), hover must never throw, and completion must offer record fields
 * after a dot. These need no browser; they run with the browser tests.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test, assert, ROOT } from './harness.js';
import { buildIndex } from '../../playground/src/editor/ast-index.js';
import { resolveOccurrence } from '../../playground/src/editor/resolve-name.js';
import { hoverAt } from '../../playground/src/editor/hover.js';
import { suggest, BUILTINS } from '../../playground/src/editor/completion.js';

function programs(): { name: string; source: string }[] {
  const dirs = [join(ROOT, 'programs'), join(ROOT, 'playground/fixtures')];
  return dirs.flatMap((d) => readdirSync(d).filter((f) => f.endsWith('.rules')).map((f) => ({ name: f, source: readFileSync(join(d, f), 'utf8') })));
}

const BUILTIN_NAMES = new Set(BUILTINS.map((b) => b.name));

test('every name in every program resolves for hover and go to definition', async () => {
  for (const p of programs()) {
    const idx = buildIndex(p.source);
    const unresolved: string[] = [];
    for (const o of idx.occurrences) {
      const t = resolveOccurrence(idx, o);
      if (!t && !BUILTIN_NAMES.has(o.name.text) && o.role !== 'type') unresolved.push(`${o.name.text}@${o.name.span.startLine}:${o.name.span.startColumn} (${o.role})`);
      const h = hoverAt(idx, o.name.span.startOffset);
      assert(h !== undefined || BUILTIN_NAMES.has(o.name.text) || o.role === 'type', `no hover for ${o.name.text} in ${p.name}`);
    }
    console.log(`    ${p.name}: ${idx.occurrences.length} names, ${idx.decls.size} declarations, ${unresolved.length} unresolved`);
    assert(unresolved.length === 0, `${p.name}: unresolved ${unresolved.slice(0, 10).join(', ')}`);
  }
});

test('hover names the fields of a ledger, its draws and lots, and of the history period on a day', async () => {
  const source = readFileSync(join(ROOT, 'programs/partner-intl.rules'), 'utf8');
  const idx = buildIndex(source);
  const hover = (needle: string, word: string) => {
    const at = source.indexOf(needle);
    assert(at >= 0, `no "${needle}" in partner-intl.rules`);
    return hoverAt(idx, at + needle.indexOf(word))?.markdown ?? '';
  };
  assert(hover('x.taken for x in bonus_use.draws', 'taken').includes('(field of a draw of the ledger) taken: money USD'), hover('x.taken for x in bonus_use.draws', 'taken'));
  assert(hover('x in bonus_use.draws', 'draws').includes('(field of the ledger) draws: list of'), hover('x in bonus_use.draws', 'draws'));
  assert(hover('l.unused for l in bonus_use.lots', 'unused').includes('(field of a lot of the ledger) unused: money USD'), 'lot field');
  assert(hover('(history of status on (review - 1 day)).from', 'from').includes('(field of a period of the history) from: date'), 'period field');
  assert(hover('state status: Status', 'status:').includes('state status: Status'), hover('state status: Status', 'status:'));
});

test('completion offers record fields after a dot and the subject’s enum values after `is`', async () => {
  const source = readFileSync(join(ROOT, 'playground/fixtures/demo-referral.rules'), 'utf8');
  const line = 'output n = count p in purchases where p.';
  const text = `${source}\n${line}`;
  const idx = buildIndex(text);
  const fields = suggest(idx, text.length, line, text).map((s) => s.label);
  assert(['id', 'paid_at', 'amount', 'renewal', 'refunded_at'].every((f) => fields.includes(f)), `fields: ${fields.join(', ')}`);
  const line2 = 'output t = tool is ';
  const text2 = `${source}\n${line2}`;
  const first = suggest(buildIndex(text2), text2.length, line2, text2).slice(0, 3).map((s) => s.label);
  assert(first.join(',') === 'referral_link,promo_code,migrator', `first suggestions after "tool is": ${first.join(', ')}`);
  const line3 = 'output u = extra(purchases).';
  const text3 = `${source}\n${line3}`;
  const cols = suggest(buildIndex(text3), text3.length, line3, text3).map((s) => s.label);
  assert(cols.includes('bonus') && cols.includes('note'), `table columns: ${cols.join(', ')}`);
});

test('completion offers the words of a ledger and a split (amount, key, limit, expiring, shares, remainder…)', async () => {
  const source = readFileSync(join(ROOT, 'playground/fixtures/demo-referral.rules'), 'utf8');
  const line = '  policy ';
  const text = `${source}\n${line}`;
  const words = suggest(buildIndex(text), text.length, line, text).filter((s) => s.kind === 'keyword').map((s) => s.label);
  const wanted = ['ledger', 'lots', 'draws', 'policy', 'amount', 'key', 'limit', 'cancelled', 'dated', 'expiring', 'first', 'out', 'split', 'into', 'shares', 'remainder', 'largest', 'unit', 'rate', 'as'];
  assert(wanted.every((w) => words.includes(w)), `missing: ${wanted.filter((w) => !words.includes(w)).join(', ')}`);
});

test('completion offers the history and time words (per, at, order, history) unless the program names something so', async () => {
  const source = readFileSync(join(ROOT, 'playground/fixtures/demo-referral.rules'), 'utf8');
  const line = 'output n = ';
  const text = `${source}\n${line}`;
  const words = suggest(buildIndex(text), text.length, line, text).filter((s) => s.kind === 'keyword').map((s) => s.label);
  assert(['per', 'at', 'order', 'history', 'item'].every((w) => words.includes(w)), `keywords: ${words.join(', ')}`);
  const named = `${source}\nparameter history: number = 3\n${line}`;
  const both = suggest(buildIndex(named), named.length, line, named).filter((s) => s.label === 'history');
  assert(both.length === 1 && both[0]!.kind !== 'keyword', `"history" when a parameter has that name: ${JSON.stringify(both)}`);
});
