/**
 * Checks generated TypeScript with the TypeScript compiler itself: it must type-check
 * on its own and contain nothing but type declarations (no statement that runs).
 */
import ts from 'typescript';

/** Type errors of one in-memory file, as "line: message" strings. */
export function typeErrors(source: string): string[] {
  const name = '/virtual/types.ts';
  const options: ts.CompilerOptions = { strict: true, noEmit: true, target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.ESNext, lib: ['lib.es2022.d.ts'], types: [] };
  const host = ts.createCompilerHost(options);
  const read = host.getSourceFile.bind(host);
  host.getSourceFile = (file, lang, onError) => (file === name ? ts.createSourceFile(file, source, lang) : read(file, lang, onError));
  host.fileExists = ((orig) => (f: string) => f === name || orig(f))(host.fileExists.bind(host));
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
