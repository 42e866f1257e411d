/**
 * `rulebook serve <folder>`: the evaluation server. Stops on SIGTERM or SIGINT: no new
 * connections, in-flight requests finish (for at most 30 s), then the process exits.
 */
import { CliError, err } from './io.js';
import { parseArgs, one } from './args.js';

/** Runs `rulebook serve <args>`; resolves with the exit code once the server has stopped. */
export async function serveCommand(args: string[], help: string): Promise<number> {
  const f = parseArgs(args, ['--port', '--host', '--body-limit', '--request-timeout'], ['--no-watch'], help);
  const folder = one(f, 'folder of programs (.rules files or artifact .json files)', help);
  const number = (flag: string, fallback: number, max: number) => {
    const v = f.options.get(flag)?.[0];
    if (v === undefined) return fallback;
    if (!/^\d+$/.test(v) || Number(v) > max) throw new CliError(`${flag} takes a whole number up to ${max}, not ${v}`);
    return Number(v);
  };
  const port = number('--port', 8080, 65535);
  const bodyLimit = number('--body-limit', 1024 * 1024, 1024 ** 3);
  // seconds a request (a streamed batch included) may take to arrive in full; 0: no limit
  const requestTimeout = number('--request-timeout', 300, 86_400) * 1000;
  const { startServer } = await import('../server/index.js');
  let server;
  try {
    server = await startServer({ folder, port, host: f.options.get('--host')?.[0], bodyLimit, requestTimeout, watch: !f.switches.has('--no-watch') });
  } catch (e) {
    throw new CliError(`cannot serve ${folder}: ${(e as Error).message}`);
  }
  const running = server;
  return new Promise<number>((done) => {
    const stop = (signal: string) => {
      process.stdout.write(`${JSON.stringify({ time: new Date().toISOString(), event: 'shutting down', signal })}\n`);
      const force = setTimeout(() => { err('error: in-flight requests did not finish within 30 s; exiting'); process.exit(1); }, 30_000);
      force.unref();
      running.close().then(() => { clearTimeout(force); done(0); }, (e: Error) => { err(`error: ${e.message}`); done(1); });
    };
    process.once('SIGTERM', () => stop('SIGTERM'));
    process.once('SIGINT', () => stop('SIGINT'));
  });
}
