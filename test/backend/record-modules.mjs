// Loaded with `node --import`: records every module URL the ES module loader resolves
// (one per line, appended to the file named by RULEBOOK_MODULE_LOG), so a test can say
// which modules importing `rulebook/runtime` brought in.
import { register } from 'node:module';

register(`data:text/javascript,${encodeURIComponent(`
import { appendFileSync } from 'node:fs';
let log;
export function initialize(data) { log = data.log; }
export async function resolve(specifier, context, next) {
  const r = await next(specifier, context);
  appendFileSync(log, r.url + '\\n');
  return r;
}`)}`, { data: { log: process.env.RULEBOOK_MODULE_LOG } });
