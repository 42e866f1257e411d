/**
 * Instants in the program's zone, for the input form's date-time pickers: an ISO instant
 * shown as the wall-clock time in the zone the rules are written in, and a wall-clock
 * time picked there turned back into an ISO instant with that moment's offset.
 */

const parts = new Map<string, Intl.DateTimeFormat>();

function wallClock(ms: number, zone: string): { y: number; mo: number; d: number; h: number; mi: number; s: number } {
  let f = parts.get(zone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-GB', { timeZone: zone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23' });
    parts.set(zone, f);
  }
  const p = Object.fromEntries(f.formatToParts(new Date(ms)).map((x) => [x.type, Number(x.value)]));
  return { y: p.year!, mo: p.month!, d: p.day!, h: p.hour!, mi: p.minute!, s: p.second! };
}

/** Minutes east of UTC in `zone` at the instant `ms`. */
function offsetAt(ms: number, zone: string): number {
  const w = wallClock(ms, zone);
  return Math.round((Date.UTC(w.y, w.mo - 1, w.d, w.h, w.mi, w.s) - Math.floor(ms / 1000) * 1000) / 60000);
}

const pad = (n: number, w = 2) => String(Math.abs(n)).padStart(w, '0');

/** `2025-07-15T10:00` (the value of an `<input type="datetime-local">`) for an ISO instant, in `zone`. */
export function isoToLocal(iso: string, zone: string): string {
  const ms = Date.parse(iso.replace(/\[.*\]$/, ''));
  if (Number.isNaN(ms)) return '';
  const w = wallClock(ms, zone);
  return `${pad(w.y, 4)}-${pad(w.mo)}-${pad(w.d)}T${pad(w.h)}:${pad(w.mi)}${w.s ? `:${pad(w.s)}` : ''}`;
}

/**
 * The ISO instant (with the zone's offset at that moment) of a wall-clock time in `zone`;
 * undefined when the text is not a date and time.
 */
export function localToIso(local: string, zone: string): string | undefined {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?$/.exec(local);
  if (!m) return undefined;
  const [y, mo, d, h, mi, s] = m.slice(1).map((x) => Number(x ?? 0)) as [number, number, number, number, number, number];
  const asUtc = Date.UTC(y, mo - 1, d, h, mi, s);
  // the offset at the guessed instant, then once more at the corrected one (zone transitions)
  let off = offsetAt(asUtc, zone);
  off = offsetAt(asUtc - off * 60000, zone);
  const sign = off < 0 ? '-' : '+';
  return `${m[1]}-${m[2]}-${m[3]}T${m[4]}:${m[5]}:${m[6] ?? '00'}${sign}${pad(Math.trunc(Math.abs(off) / 60))}:${pad(Math.abs(off) % 60)}`;
}
