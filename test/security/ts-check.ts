/**
 * Checks generated TypeScript with the TypeScript compiler itself: it must type-check
 * on its own and contain nothing but type declarations (no statement that runs).
 */
import ts from 'typescript';

/** Type errors of one in-memory file, as "line: message" strings. */
export function typeErrors(source: string): string[] {
  const name = '/virtual/types.ts';
  // the generated file refers to the runtime's Ruleset and LoadResult; a stub of their
  // shape keeps this check about the generated file itself (and fast)
  const stub = '/virtual/rulebook-runtime.d.ts';
  const stubText = 'export interface Ruleset<I = unknown, O = unknown> { evaluate(input: I): { ok: true; outputs: O } | { ok: false } }\nexport type LoadResult<I = unknown, O = unknown> = { ok: true; ruleset: Ruleset<I, O> } | { ok: false };\n';
  const options: ts.CompilerOptions = {
    strict: true, noEmit: true, target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.ESNext, moduleResolution: ts.ModuleResolutionKind.Bundler,
    lib: ['lib.es2022.d.ts'], types: [], baseUrl: '/', paths: { 'rulebook/runtime': [stub] },
  };
  const host = ts.createCompilerHost(options);
  const read = host.getSourceFile.bind(host);
  const virtual = new Map([[name, source], [stub, stubText]]);
  host.getSourceFile = (file, lang, onError) => (virtual.has(file) ? ts.createSourceFile(file, virtual.get(file)!, lang) : read(file, lang, onError));
  host.fileExists = ((orig) => (f: string) => virtual.has(f) || orig(f))(host.fileExists.bind(host));
  host.readFile = ((orig) => (f: string) => virtual.get(f) ?? orig(f))(host.readFile.bind(host));
  const program = ts.createProgram([name], options, host);
  return ts.getPreEmitDiagnostics(program).map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n'));
}

/** Top-level statements that are not `export type` / `export interface` declarations. */
export function nonTypeStatements(source: string): string[] {
  const file = ts.createSourceFile('types.ts', source, ts.ScriptTarget.ES2022, true);
  return file.statements
    .filter((s) => !ts.isInterfaceDeclaration(s) && !ts.isTypeAliasDeclaration(s))
    .map((s) => ts.SyntaxKind[s.kind]);
}

/** The JavaScript the file compiles to, minus the empty-module marker: must be empty. */
export function emittedCode(source: string): string {
  return ts.transpileModule(source, { compilerOptions: { target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.ESNext } }).outputText
    .replace(/export \{\};?/g, '').replace(/\/\/# sourceMappingURL=.*/g, '').trim();
}

/** Names of the top-level declarations, in order (each must be unique: no silent merging). */
export function declaredNames(source: string): string[] {
  const file = ts.createSourceFile('types.ts', source, ts.ScriptTarget.ES2022, true);
  return file.statements.flatMap((s) => (ts.isInterfaceDeclaration(s) || ts.isTypeAliasDeclaration(s) ? [s.name.text] : []));
}
