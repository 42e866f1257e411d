/**
 * Starts the real `rulebook serve` (node cli/bin.mjs) on a free loopback port in a child
 * process, collects its JSON log lines, and speaks HTTP to it (streaming where needed).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { request, type IncomingMessage, type ClientRequest } from 'node:http';
import { ROOT } from '../cli/run-cli.js';

export interface Served { url: string; child: ChildProcess; logs: Record<string, unknown>[]; stderr: () => string; exited: Promise<number | null> }

/** Starts the server on `folder` with port 0; resolves once it is listening. */
export function serve(folder: string, args: string[] = []): Promise<Served> {
  const child = spawn(process.execPath, ['cli/bin.mjs', 'serve', folder, '--port', '0', ...args], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
  const logs: Record<string, unknown>[] = [];
  let stderr = '';
  let buffered = '';
  const exited = new Promise<number | null>((done) => child.on('exit', (code) => done(code)));
  child.stderr!.setEncoding('utf8').on('data', (s: string) => { stderr += s; });
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`the server did not start: ${stderr}`)), 60_000);
    child.stdout!.setEncoding('utf8').on('data', (s: string) => {
      buffered += s;
      let nl: number;
      while ((nl = buffered.indexOf('\n')) >= 0) {
        const line = buffered.slice(0, nl);
        buffered = buffered.slice(nl + 1);
        const entry = JSON.parse(line) as Record<string, unknown>;
        logs.push(entry);
        if (entry.event === 'listening') { clearTimeout(timer); resolve({ url: entry.url as string, child, logs, stderr: () => stderr, exited }); }
      }
    });
    void exited.then((code) => { clearTimeout(timer); reject(new Error(`the server exited with ${code}: ${stderr}`)); });
  });
}

/** A JSON request with fetch; the body is sent as given when it is a string. */
export async function call(url: string, path: string, body?: unknown, headers: Record<string, string> = {}) {
  const init: RequestInit = body === undefined ? {} : {
    method: 'POST', headers: { 'content-type': 'application/json', ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  };
  const r = await fetch(url + path, init);
  const text = await r.text();
  let json: Record<string, any> = {};
  try { json = JSON.parse(text); } catch { /* not JSON: left empty, the text is returned */ }
  return { status: r.status, json, text, headers: r.headers };
}

/** Polls `check` every 100 ms until it returns true (or fails after `ms`). */
export async function until(check: () => Promise<boolean> | boolean, ms = 20_000): Promise<void> {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error('timed out waiting for a condition');
}

/** An open NDJSON batch: write lines, read result lines as they arrive, end. */
export interface OpenBatch { send(line: unknown): void; next(): Promise<Record<string, any>>; end(): Promise<void>; response: Promise<IncomingMessage>; req: ClientRequest }

/** Opens POST /v1/programs/{name}/batch with a streaming body. */
export function openBatch(url: string, name: string): OpenBatch {
  const req = request(`${url}/v1/programs/${name}/batch`, { method: 'POST', headers: { 'content-type': 'application/x-ndjson' } });
  req.on('error', () => { /* a test that cuts the request off expects the reset */ });
  const lines: Record<string, any>[] = [];
  const waiters: ((l: Record<string, any>) => void)[] = [];
  let ended!: () => void;
  const finished = new Promise<void>((r) => { ended = r; });
  const response = new Promise<IncomingMessage>((resolve) => req.on('response', (res) => {
    let buf = '';
    res.setEncoding('utf8').on('data', (s: string) => {
      buf += s;
      let nl: number;
      while ((nl = buf.indexOf('\n')) >= 0) {
        const l = JSON.parse(buf.slice(0, nl)) as Record<string, any>;
        buf = buf.slice(nl + 1);
        const w = waiters.shift();
        if (w) w(l); else lines.push(l);
      }
    });
    res.on('end', ended);
    resolve(res);
  }));
  req.flushHeaders();
  return {
    req, response,
    send: (line) => { req.write(`${typeof line === 'string' ? line : JSON.stringify(line)}\n`); },
    next: () => (lines.length ? Promise.resolve(lines.shift()!) : new Promise((r) => waiters.push(r))),
    end: () => { req.end(); return finished; },
  };
}
