/**
 * `rulebook serve`: loads a folder of programs (.rules or artifact .json), watches it,
 * and serves them over HTTP until SIGTERM. It keeps no state between requests, so it
 * scales by running more processes behind any load balancer.
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import type { FastifyInstance } from 'fastify';
import { createApp, jsonLines } from './app.js';
import { ProgramRegistry } from './registry.js';

export { createApp, type AppOptions } from './app.js';
export { ProgramRegistry, type ProgramEntry, type ProgramProblem } from './registry.js';

/** Options of `startServer`. */
export interface ServeOptions {
  folder: string;
  /** Default 8080; 0 picks a free port. */
  port?: number;
  /** Default 127.0.0.1: only this machine can connect unless told otherwise. */
  host?: string;
  bodyLimit?: number;
  /** Milliseconds a request may take to arrive in full (see AppOptions); default 300 000. */
  requestTimeout?: number;
  /** Watch the folder and reload changed programs (default true). */
  watch?: boolean;
  log?: (line: Record<string, unknown>) => void;
}

/** A running server. */
export interface RunningServer { app: FastifyInstance; registry: ProgramRegistry; url: string; close(): Promise<void> }

/** The package's version: package.json is one folder up from the sources, two from dist/server. */
function packageVersion(): string {
  for (const up of ['../package.json', '../../package.json']) {
    try {
      const p = JSON.parse(readFileSync(new URL(up, import.meta.url), 'utf8')) as { name?: string; version?: string };
      if (p.name === 'rulebook' && p.version) return p.version;
    } catch { /* not there: try the next */ }
  }
  return '0.0.0';
}

/** Loads the folder and starts listening. Throws (before listening) when the folder does not exist. */
export async function startServer(options: ServeOptions): Promise<RunningServer> {
  if (!existsSync(options.folder) || !statSync(options.folder).isDirectory()) throw new Error(`${options.folder} is not a folder`);
  const log = options.log ?? jsonLines;
  const registry = new ProgramRegistry(options.folder, log);
  registry.loadAll();
  if (options.watch !== false) registry.watch();
  const app = createApp({ registry, bodyLimit: options.bodyLimit, requestTimeout: options.requestTimeout, log, version: packageVersion() });
  const host = options.host ?? '127.0.0.1';
  await app.listen({ port: options.port ?? 8080, host });
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : options.port;
  const url = `http://${host.includes(':') ? `[${host}]` : host}:${port}`;
  log({ event: 'listening', url, folder: options.folder, programs: registry.list().map((p) => p.name), problems: registry.problemList().length });
  return {
    app, registry, url,
    // stop watching, stop accepting, let in-flight requests finish
    async close() { registry.close(); await app.close(); },
  };
}
