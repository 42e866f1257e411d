/**
 * A tiny static server for the built playground (`playground/dist`), used by
 * `npm start` and the browser tests. Localhost only, no dependencies.
 *
 *   node playground/serve.mjs [--port 5173]   (PORT=0 picks a free port)
 */
import { createServer } from 'node:http';
import { readFile, stat } from 'node:fs/promises';
import { extname, join, normalize, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const TYPES = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.css': 'text/css; charset=utf-8',
  '.json': 'application/json', '.ttf': 'font/ttf', '.svg': 'image/svg+xml', '.png': 'image/png', '.map': 'application/json',
};

/**
 * Serves `dir` on 127.0.0.1:`port` (0 = any free port).
 * @param {string} dir the folder to serve
 * @param {number} port the port, 0 for a free one
 * @returns {Promise<{url: string, close: () => Promise<void>}>} the address and a way to stop
 */
export async function serveDir(dir, port = 0) {
  const root = resolve(dir);
  const server = createServer(async (req, res) => {
    try {
      const path = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
      let file = normalize(join(root, path));
      if (!file.startsWith(root)) { res.writeHead(403).end(); return; }
      if ((await stat(file).catch(() => null))?.isDirectory()) file = join(file, 'index.html');
      const body = await readFile(file);
      res.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream', 'cache-control': 'no-cache' });
      res.end(body);
    } catch {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
    }
  });
  await new Promise((ok, fail) => { server.once('error', fail); server.listen(port, '127.0.0.1', ok); });
  const address = server.address();
  const actual = typeof address === 'object' && address ? address.port : port;
  return { url: `http://localhost:${actual}/`, close: () => new Promise((ok) => server.close(() => ok())) };
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const i = process.argv.indexOf('--port');
  const wanted = Number(i > 0 ? process.argv[i + 1] : process.env.PORT ?? 5173);
  const dist = fileURLToPath(new URL('./dist', import.meta.url));
  if (!(await stat(join(dist, 'index.html')).catch(() => null))) {
    console.error('playground/dist is missing: run `npm run build:playground` first.');
    process.exit(1);
  }
  let served;
  try {
    served = await serveDir(dist, wanted);
  } catch (err) {
    if (err?.code !== 'EADDRINUSE') throw err;
    served = await serveDir(dist, 0);
  }
  console.log(`Rulebook playground: ${served.url}`);
  console.log('Press Ctrl+C to stop.');
}
