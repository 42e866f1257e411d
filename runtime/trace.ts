/**
 * The explanation trace: a tree of what was evaluated, with values (as JSON), the
 * clause each step cites, and the readings in force; and the functions both evaluators
 * write it with.
 */
import type { Ctx } from './eval/common.js';

export interface TraceNode {
  kind: 'output' | 'definition' | 'ref' | 'rule' | 'row' | 'requirement' | 'version' | 'reading' | 'transition';
  name: string;
  clauses: string[];
  /**
   * The value computed, in its JSON form. Never undefined once computed (JSON has no
   * undefined); a call's line holds `undefined` until its call returns.
   */
  value?: unknown;
  /** Arguments of a function or table call, in JSON form. */
  args?: Record<string, unknown>;
  /** For rules, rows and requirements: whether it applied / matched / was met. */
  passed?: boolean;
  note?: string;
  /** Which call this is (name and arguments), so a repeated call is listed once per parent. */
  key?: string;
  /** The definition's description, as written in the rules. */
  doc?: string;
  /**
   * For a state: the definitions its rules consulted while the history was walked. They are
   * not children (they would repeat at every item), but coverage counts them as exercised.
   */
  consulted?: string[];
  /** The lines under this one, to be read: lines without any share one frozen empty list (see NO_LINES). */
  children: TraceNode[];
}

/**
 * The children of a line that has none yet: one frozen empty list shared by all of them.
 * A line gets a list of its own with its first child (addLine), sized for it: an empty
 * list of its own cost every line 32 bytes, and its first push 144 more (room for 16),
 * while most lines have no child or one (referral-ru: 98 and 29 of 172 per explanation).
 * Frozen, so a line pushed past addLine fails loudly instead of landing under every leaf.
 */
export const NO_LINES: TraceNode[] = Object.freeze([]) as unknown as TraceNode[];

/**
 * Every line of an explanation but a scratch one: one class with every field, so reading
 * `children`, `key` or `value` of any line meets one shape (object literals of a dozen
 * field sets made those reads megamorphic). Fields left undefined are not in the JSON.
 */
export class Line implements TraceNode {
  kind: TraceNode['kind'];
  name: string;
  key: string | undefined;
  clauses: string[];
  doc: string | undefined;
  args: Record<string, unknown> | undefined;
  value: unknown;
  passed: boolean | undefined;
  note: string | undefined;
  consulted: string[] | undefined;
  children: TraceNode[];
  constructor(kind: TraceNode['kind'], name: string, clauses: string[], key?: string, doc?: string, args?: Record<string, unknown>, value?: unknown, passed?: boolean, note?: string) {
    this.kind = kind; this.name = name; this.key = key; this.clauses = clauses; this.doc = doc; this.args = args;
    this.value = value; this.passed = passed; this.note = note; this.consulted = undefined; this.children = NO_LINES;
  }
}

/**
 * A node of a history's scratch trace: read only for the names of the definitions
 * consulted, then dropped, so no values, arguments or leaf steps are recorded in it.
 * A class (one shape, tested with instanceof) because a walk makes thousands of them.
 */
export class ScratchNode implements TraceNode {
  children: TraceNode[] = [];
  passed?: boolean;
  note?: string;
  constructor(public kind: TraceNode['kind'], public name: string, public clauses: string[]) {}
}

/**
 * One threshold test the evaluation made: a comparison, an interval test, a version
 * cut-off, a table cell, or a date moved by a duration. Reported only when an
 * observer is given (`rulebook edges` finds the boundaries of a scenario this way); values are the runtime's own (Decimal, day
 * numbers, epoch milliseconds).
 */
export interface Observation {
  /** Which test of the artifact: the same number for the same test in every evaluation of one loaded ruleset. */
  site: number;
  /** A test, or (`call`, `done`, `ref`) the start, end or repetition of a definition's call. */
  kind: 'cmp' | 'within' | 'version' | 'cell' | 'date_add' | 'call' | 'done' | 'ref';
  /** call, done, ref: which call (definition and arguments). */
  key?: string;
  /** How the operands compare: as decimals, day numbers, epoch milliseconds, strings or booleans. */
  cmpKind: string;
  op?: string;
  left?: unknown;
  right?: unknown;
  interval?: { start: unknown; end: unknown; si: boolean; ei: boolean };
  /** Versions of an `in force on` (day numbers); `chosen` is the index of the one in force. */
  versions?: { from?: number; until?: number }[];
  chosen?: number;
  /** date_add: the duration added (n units) and the date reached. */
  duration?: { n: number; unit: string };
  result: unknown;
  /** A table cell's column, as written in the table header. */
  column?: string;
  /** [startLine, startColumn, endLine, endColumn] of the test in the source, when the compiler recorded it. */
  span?: [number, number, number, number];
  /** The local names in scope (the same object is reused: read it at once). */
  frame: Record<string, unknown>;
  /** The decoded input of this evaluation. */
  input: Record<string, unknown>;
  /** The trace node being filled: the definition, rule, row or requirement the test belongs to. */
  node?: TraceNode;
}

/** Receives observations during one evaluation. */
export type Observer = (o: Observation) => void;

/**
 * What an explanation shows of one definition's calls, prepared once per definition at
 * load. Both evaluators trace calls through the functions below, so the reference
 * interpreter and the generated traced program write the same lines by construction.
 */
export interface CallInfo {
  name: string;
  clauses: string[];
  /** The description, when the rules give a non-empty one. */
  doc: string | undefined;
  /** Whether the definition has parameters: then its lines carry `args`. */
  params: boolean;
  /** The call key of these arguments (see callKey in eval/calls.ts). */
  key(ctx: Ctx, args: readonly unknown[]): string;
  /** The arguments in JSON form, by parameter name. */
  encodeArgs(ctx: Ctx, args: readonly unknown[]): Record<string, unknown>;
  /** The value in the form the explanation shows. */
  valueOf(ctx: Ctx, v: unknown): unknown;
  /** The call's line and its repeat's under a scratch node: shared, never made current, so never given children. */
  scratch: { call: ScratchNode; repeat: ScratchNode };
}


/** Adds `line` under `parent`, the one way lines are added (see NO_LINES). */
export function addLine(parent: TraceNode, line: TraceNode): void {
  const ch = parent.children;
  if (ch.length === 0) parent.children = [line];
  else ch.push(line);
}

/** The scratch lines of a definition's calls (see CallInfo). */
export function scratchLines(name: string, clauses: string[]): CallInfo['scratch'] {
  return { call: new ScratchNode('definition', name, clauses), repeat: new ScratchNode('ref', name, clauses) };
}

/**
 * A computed call as the evaluation remembers it: its value, and its line when one was
 * written (not under a scratch node, not before the explanation began), whose key, args
 * and value its "as computed above" lines reuse. `key` is made at most once, when a line
 * needs it and there is no line to take it from; `ref` is its "as computed above" line,
 * made once and listed under every parent that repeats the call (the lines are equal, so
 * one object serves them all, as the JSON of arguments and values already does).
 */
export interface CallEntry { v: unknown; line: TraceNode | undefined; key: string | undefined; ref?: TraceNode | undefined }

/** Parents with more lines than this find a call's line through an index (call key -> position); smaller ones scan. */
const SCAN = 12;

/**
 * The index of a large parent: call key -> position among its children, caught up with
 * the children pushed since (`n` of them seen, the last being `last`). Lines are pushed
 * without touching it; a history walk cuts its node's children back on a restart, which
 * `last` no longer being at its place reveals: then the index is rebuilt.
 */
export interface ListIndex { at: Map<string, number>; n: number; last: TraceNode | undefined }

/**
 * Whether a line for the call `key` is among `parent`'s children. The indexes live in the
 * evaluation (`ctx.listed`), dropped with it: kept in a module-wide WeakMap instead, every
 * index of every explanation was an ephemeron the young-generation collector had to trace:
 * referral-ru's explanations spent 2.0 ms a scavenge against 1.3 ms now, and ran some 10 %
 * slower.
 */
function isListed(ctx: Ctx, parent: TraceNode, key: string): boolean {
  const ch = parent.children;
  if (ch.length <= SCAN) {
    for (let i = 0; i < ch.length; i++) if (ch[i]!.key === key) return true;
    return false;
  }
  const indexes = (ctx.listed ??= new Map());
  let x = indexes.get(parent);
  if (!x || x.n > ch.length || (x.n > 0 && ch[x.n - 1] !== x.last)) {
    x = { at: new Map(), n: 0, last: undefined };
    indexes.set(parent, x);
  }
  for (let i = x.n; i < ch.length; i++) { const k = ch[i]!.key; if (k !== undefined) x.at.set(k, i); }
  x.n = ch.length;
  x.last = ch[ch.length - 1];
  const i = x.at.get(key);
  return i !== undefined && ch[i]!.key === key;
}

/**
 * A call whose value is already known: one "as computed above" line per parent (under a
 * scratch node, which is read only for the names called, a bare node every time).
 */
export function traceRepeat(ctx: Ctx, info: CallInfo, e: CallEntry, args: readonly unknown[]): void {
  const t = ctx.trace;
  if (t === undefined) return;
  if (t instanceof ScratchNode) { t.children.push(info.scratch.repeat); return; }
  const line = e.line;
  const key = line !== undefined ? line.key! : (e.key ??= info.key(ctx, args));
  if (isListed(ctx, t, key)) return;
  if (e.ref !== undefined) { addLine(t, e.ref); return; }
  // the call's own line, when it was written in this evaluation: its JSON is reused
  const { name, clauses } = info;
  const value = line !== undefined && line.value !== undefined ? line.value : info.valueOf(ctx, e.v);
  const ref = new Line('ref', name, clauses, key, undefined, info.params ? line?.args ?? info.encodeArgs(ctx, args) : undefined, value);
  // a line still open (a call repeated inside itself, through a history's walk) has no value yet: its ref is not kept
  if (line === undefined || line.value !== undefined) e.ref = ref;
  addLine(t, ref);
}

/**
 * Opens the line of a call about to be computed under `parent` (the current node) and makes
 * it current; give what it returns to traceReturn with the value, and keep it in the call's
 * entry. Under a scratch node, read only for the names called in pre-order, a shared line is
 * pushed onto it and the body's calls follow it there (the same names in the same order as
 * nested lines, without a node per call): then there is no line.
 */
export function traceCall(ctx: Ctx, info: CallInfo, parent: TraceNode, args: readonly unknown[]): TraceNode | undefined {
  if (parent instanceof ScratchNode) {
    parent.children.push(info.scratch.call);
    return undefined;
  }
  const key = info.key(ctx, args);
  const a = info.params ? info.encodeArgs(ctx, args) : undefined;
  const { name, clauses, doc } = info;
  // the same keys in the same order as the lines written before: the JSON is byte-identical.
  // `value` (set on return) is made with the line, so setting it changes no object's layout
  // (an added property would cost a transition and a property array per line)
  const node = new Line('definition', name, clauses, key, doc, a);
  addLine(parent, node);
  ctx.trace = node;
  return node;
}

/** Closes a call's line (if it has one) with its value and makes `parent` current again. */
export function traceReturn(ctx: Ctx, parent: TraceNode, line: TraceNode | undefined, info: CallInfo, v: unknown): void {
  ctx.trace = parent;
  if (line !== undefined) line.value = info.valueOf(ctx, v);
}

/** A step of a definition's body: a rule tried or a requirement checked. */
export interface StepInfo { kind: 'rule' | 'requirement'; name: string; clauses: string[]; note?: string }

/**
 * Opens the line of a step under `parent` and makes it current (nothing when not explaining,
 * nor under a scratch node: its steps are never read, and the calls they make follow on it).
 */
export function traceStep(ctx: Ctx, parent: TraceNode | undefined, step: StepInfo): void {
  if (parent === undefined || parent instanceof ScratchNode) return;
  const { kind, name, clauses, note } = step;
  // `passed` made with the line, as a call's `value` is (see traceCall)
  const n = new Line(kind, name, clauses, undefined, undefined, undefined, undefined, undefined, note);
  addLine(parent, n);
  ctx.trace = n;
}

/** Closes a step's line: whether it held, then `parent` current again. Returns `ok`. */
export function traceStepEnd(ctx: Ctx, parent: TraceNode | undefined, ok: boolean): boolean {
  if (parent === undefined || parent instanceof ScratchNode) return ok;
  ctx.trace!.passed = ok;
  ctx.trace = parent;
  return ok;
}

/** Notes on the rules that held, once all were tried: which apply, and which another overrides. */
export function noteOverrides(node: TraceNode, matched: readonly { name: string; overrides: string[] }[]): void {
  for (const n of node.children) {
    if (n.kind !== 'rule' || !n.passed) continue;
    const by = matched.find((o) => o.overrides.includes(n.name));
    n.note = by ? `applies, but ${by.name} overrides it` : 'applies';
  }
}

/** The names of the definitions and outputs an explanation shows as computed or consulted (a state's `consulted`). */
export function namesShown(nodes: readonly TraceNode[], into: Set<string> = new Set()): Set<string> {
  for (const n of nodes) {
    if (n.kind === 'definition' || n.kind === 'ref' || n.kind === 'output') into.add(n.name);
    if (n.consulted) for (const c of n.consulted) into.add(c);
    namesShown(n.children, into);
  }
  return into;
}
