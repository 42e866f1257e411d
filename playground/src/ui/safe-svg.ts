/**
 * Inserting a generated SVG without letting program text become markup: the text is
 * parsed as XML (never as HTML), and only the elements and attributes the timeline
 * draws with are copied into new nodes; anything else (a script, an event handler, a
 * link) refuses the whole picture.
 */
const SVG_NS = 'http://www.w3.org/2000/svg';
const ELEMENTS = new Set(['svg', 'g', 'title', 'text', 'line', 'circle', 'rect']);
const ATTRIBUTES = new Set(['xmlns', 'width', 'height', 'font-family', 'font-size', 'x', 'y', 'x1', 'y1', 'x2', 'y2', 'cx', 'cy', 'r', 'fill', 'stroke', 'stroke-dasharray', 'opacity', 'class']);

function copy(src: Element): SVGElement {
  if (src.namespaceURI !== SVG_NS || !ELEMENTS.has(src.localName)) throw new Error(`unexpected element <${src.localName}>`);
  const el = document.createElementNS(SVG_NS, src.localName) as SVGElement;
  for (const a of Array.from(src.attributes)) {
    if (!ATTRIBUTES.has(a.name)) throw new Error(`unexpected attribute ${a.name}`);
    if (a.name !== 'xmlns') el.setAttribute(a.name, a.value);
  }
  for (const n of Array.from(src.childNodes)) {
    if (n.nodeType === Node.TEXT_NODE) el.appendChild(document.createTextNode(n.textContent ?? ''));
    else if (n.nodeType === Node.ELEMENT_NODE) el.appendChild(copy(n as Element));
  }
  return el;
}

/** The SVG as new DOM nodes, or the reason it was refused. */
export function safeSvg(text: string): { ok: true; svg: SVGElement } | { ok: false; message: string } {
  const doc = new DOMParser().parseFromString(text, 'image/svg+xml');
  if (doc.getElementsByTagName('parsererror').length) return { ok: false, message: 'the timeline is not well-formed SVG' };
  try { return { ok: true, svg: copy(doc.documentElement) }; } catch (err) { return { ok: false, message: `the timeline was refused: ${(err as Error).message}` }; }
}
