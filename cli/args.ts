/** The CLI's argument parsing: positional arguments, options with a value, switches. */
import { CliError } from './io.js';

/** Parsed arguments of one command. */
export interface Flags { positional: string[]; options: Map<string, string[]>; switches: Set<string> }

/**
 * Splits `args` by the options that take a value and the switches; anything else starting
 * with `-` is an error that shows `help`. An option given twice is an error unless it is
 * `repeatable` (a second --input was silently ignored).
 */
export function parseArgs(args: string[], withValue: string[], switches: string[], help: string, repeatable: string[] = []): Flags {
  const f: Flags = { positional: [], options: new Map(), switches: new Set() };
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (withValue.includes(a)) {
      const v = args[++i];
      if (v === undefined) throw new CliError(`${a} needs a value`);
      if (f.options.has(a) && !repeatable.includes(a)) throw new CliError(`${a} is given twice; give it once`);
      f.options.set(a, [...(f.options.get(a) ?? []), v]);
    } else if (switches.includes(a)) f.switches.add(a);
    else if (a.startsWith('-') && a !== '-') throw new CliError(`unknown option ${a}`, 2, `\n${help}`);
    else f.positional.push(a);
  }
  return f;
}

/** The single positional argument, or a usage error naming `what` was expected. */
export function one(f: Flags, what: string, help: string): string {
  if (f.positional.length !== 1) throw new CliError(`expected exactly one ${what}`, 2, `\n${help}`);
  return f.positional[0]!;
}
