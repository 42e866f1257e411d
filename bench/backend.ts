/**
 * The backend figures of `npm run bench`: whole-process CLI times (the compiled CLI in
 * dist/, as users run it), the size of the runtime entry bundled and minified, and a
 * bounded load check of `rulebook serve` on loopback with one and two processes.
 * Absolute numbers depend on the machine and its load; each is a median or percentile of
 * this run.
 */
import { spawn, spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { Agent, request } from 'node:http';
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';
import { parse as parseYaml } from 'yaml';

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))]!;
const round = (x: number, digits = 1) => Math.round(x * 10 ** digits) / 10 ** digits;

// prints the process's own CPU time at exit: on a shared machine wall time mostly measures
// the other processes, CPU time (user + system) what the command itself costs
const CPU_AT_EXIT = `data:text/javascript,${encodeURIComponent("process.on('exit', () => { const u = process.cpuUsage(); process.stderr.write('\\ncpu-us ' + (u.user + u.system) + '\\n'); });")}`;

/** Medians of wall and CPU time of running `node cli/bin.mjs <args>` as a new process. */
export function processMs(args: string[], runs: number): { wall_ms: number; cpu_ms: number } {
  const wall: number[] = [], cpu: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    const r = spawnSync(process.execPath, ['--import', CPU_AT_EXIT, 'cli/bin.mjs', ...args], { encoding: 'utf8' });
    wall.push(performance.now() - t0);
    if (r.status !== 0) throw new Error(`rulebook ${args.join(' ')} failed: ${r.stderr}`);
    cpu.push(Number(/cpu-us (\d+)/.exec(r.stderr)![1]) / 1000);
  }
  return { wall_ms: round(median(wall), 0), cpu_ms: round(median(cpu), 0) };
}

/** The runtime entry bundled with its dependencies, minified: bytes and gzip bytes. */
export async function runtimeBundle(): Promise<{ bytes: number; gzip_bytes: number; own_bytes: number; own_gzip_bytes: number }> {
  const bundle = async (external: string[]) => {
    const r = await build({ entryPoints: ['runtime/index.ts'], bundle: true, minify: true, format: 'esm', platform: 'node', target: 'node20', write: false, external, logLevel: 'silent' });
    const code = r.outputFiles[0]!.contents;
    return { bytes: code.length, gzip: gzipSync(code, { level: 9 }).length };
  };
  const all = await bundle([]);
  const own = await bundle(['ajv', 'ajv/*', 'luxon', 'decimal.js']);
  return { bytes: all.bytes, gzip_bytes: all.gzip, own_bytes: own.bytes, own_gzip_bytes: own.gzip };
}

interface Server { url: string; stop(): Promise<void> }

function startServer(folder: string): Promise<Server> {
  const child = spawn(process.execPath, ['cli/bin.mjs', 'serve', folder, '--port', '0', '--no-watch'], { stdio: ['ignore', 'pipe', 'inherit'] });
  return new Promise((resolve, reject) => {
    let buf = '';
    child.stdout!.setEncoding('utf8').on('data', (s: string) => {
      buf += s;
      const m = /"event":"listening","url":"([^"]+)"/.exec(buf);
      if (m) {
        child.stdout!.removeAllListeners('data').resume(); // the request log is not read
        resolve({ url: m[1]!, stop: () => new Promise((done) => { child.once('exit', () => done()); child.kill('SIGTERM'); }) });
      }
    });
    child.once('exit', (code) => reject(new Error(`rulebook serve exited with ${code}`)));
  });
}

/** Sends `total` POSTs with `concurrency` in flight, spread over `urls`; returns rps and latency. */
async function load(urls: string[], path: string, body: string, total: number, concurrency: number) {
  const agent = new Agent({ keepAlive: true, maxSockets: concurrency });
  const post = (url: string) => new Promise<number>((resolve, reject) => {
    const t0 = performance.now();
    const req = request(url + path, { method: 'POST', agent, headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) } }, (res) => {
      res.resume();
      res.on('end', () => (res.statusCode === 200 ? resolve(performance.now() - t0) : reject(new Error(`status ${res.statusCode}`))));
    });
    req.on('error', reject);
    req.end(body);
  });
  let next = 0;
  const latencies: number[] = [];
  const worker = async () => { while (next < total) { const i = next++; latencies.push(await post(urls[i % urls.length]!)); } };
  const t0 = performance.now();
  await Promise.all(Array.from({ length: concurrency }, worker));
  const seconds = (performance.now() - t0) / 1000;
  agent.destroy();
  latencies.sort((a, b) => a - b);
  return { requests: total, concurrency, rps: round(total / seconds, 0), p50_ms: round(percentile(latencies, 0.5), 2), p99_ms: round(percentile(latencies, 0.99), 2) };
}

/** Load check of `rulebook serve programs` with 1 and 2 processes, evaluating a referral-ru scenario. */
export async function serverLoad(total = 4000, concurrency = 16) {
  const doc = parseYaml(readFileSync('programs/referral-ru.scenarios.yaml', 'utf8')) as { scenarios: { input: unknown; as_of?: string; readings?: Record<string, string> }[] };
  const s = doc.scenarios[0]!;
  const body = JSON.stringify({ input: s.input, as_of: s.as_of, readings: s.readings });
  const path = '/v1/programs/referral-ru/evaluate';
  const result: Record<string, unknown> = {};
  for (const processes of [1, 2]) {
    const servers = await Promise.all(Array.from({ length: processes }, () => startServer('programs')));
    try {
      const urls = servers.map((x) => x.url);
      if (!urls.every((u) => u.startsWith('http://127.0.0.1:'))) throw new Error('the load check runs on loopback only');
      await load(urls, path, body, 300, concurrency); // warm-up: JIT and caches
      result[`processes_${processes}`] = await load(urls, path, body, total, concurrency);
    } finally {
      await Promise.all(servers.map((x) => x.stop()));
    }
  }
  return result;
}
