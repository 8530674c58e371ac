// A plain element tree from XML text, shared by the SVG and COLLADA importers (both must run without a DOM, in
// the renderer, a worker or Node). Parsing is fast-xml-parser's: pure JS, no Node APIs, widely used and actively
// maintained, with a validator that reports line and column, and bounded entity expansion. txml is smaller but
// reports no positions on malformed input. We ask for document order (preserveOrder) because SVG paint order
// and COLLADA <p> lists depend on it, then reshape its output into {name, attrs, children, text}.
import { XMLParser, XMLValidator } from 'fast-xml-parser';

export interface XmlNode {
  name: string;
  attrs: Record<string, string>;
  children: XmlNode[];
  /** Concatenated direct text content (trimmed pieces joined by a space). */
  text: string;
}

export class XmlError extends Error {
  constructor(
    message: string,
    readonly line?: number,
    readonly column?: number,
  ) {
    super(message);
    this.name = 'XmlError';
  }
}

const parser = new XMLParser({
  preserveOrder: true,
  ignoreAttributes: false,
  attributeNamePrefix: '',
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: true,
  allowBooleanAttributes: true,
  ignoreDeclaration: true,
  ignorePiTags: true,
});

type RawNode = Record<string, unknown>;

function convert(raw: RawNode): XmlNode | string | undefined {
  let name: string | undefined;
  for (const k of Object.keys(raw)) if (k !== ':@') name = k;
  if (name === undefined) return undefined;
  if (name === '#text') return String(raw[name]);
  if (name === '#comment' || name.startsWith('?') || name.startsWith('!')) return undefined;
  const attrsRaw = (raw[':@'] ?? {}) as Record<string, unknown>;
  const attrs: Record<string, string> = {};
  for (const [k, v] of Object.entries(attrsRaw)) attrs[k] = String(v);
  const node: XmlNode = { name, attrs, children: [], text: '' };
  const texts: string[] = [];
  for (const child of (raw[name] as RawNode[]) ?? []) {
    const c = convert(child);
    if (typeof c === 'string') texts.push(c);
    else if (c) node.children.push(c);
  }
  node.text = texts.join(' ');
  return node;
}

/** The root element of an XML document; throws XmlError (with line/column) on malformed input. */
export function parseXml(text: string, what = 'XML'): XmlNode {
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const valid = XMLValidator.validate(body, { allowBooleanAttributes: true });
  if (valid !== true) {
    const { msg, line, col } = valid.err;
    const unclosed = /^Invalid '(\[[\s\S]*\])' found/.exec(msg);
    if (unclosed) {
      // The validator lists the elements still open at the end: the file was cut short.
      let open: string[] = [];
      try {
        open = JSON.parse(unclosed[1]) as string[];
      } catch {
        open = [];
      }
      throw new XmlError(`${what} ends before <${open.join('> <')}> ${open.length === 1 ? 'is' : 'are'} closed: the file is truncated or damaged / berkas terpotong atau rusak`);
    }
    throw new XmlError(`${what} is not well-formed at line ${line}${col ? `, column ${col}` : ''}: ${msg} / berkas XML tidak valid`, line, col);
  }
  let raw: RawNode[];
  try {
    raw = parser.parse(body) as RawNode[];
  } catch (err) {
    throw new XmlError(`${what} cannot be read: ${(err as Error).message} (elements nested too deeply?) / berkas tidak dapat dibaca`);
  }
  let roots: XmlNode[];
  try {
    roots = raw.map(convert).filter((n): n is XmlNode => typeof n === 'object');
  } catch (err) {
    if (err instanceof RangeError) throw new XmlError(`${what} nests elements too deeply to read / elemen bersarang terlalu dalam`);
    throw err;
  }
  if (roots.length === 0) throw new XmlError(`${what} has no root element`);
  return roots[0];
}

/** Local name without a namespace prefix ("svg:path" → "path"). */
export function localName(name: string): string {
  const i = name.indexOf(':');
  return i < 0 ? name : name.slice(i + 1);
}

/** First child element with the given local name. */
export function child(node: XmlNode, name: string): XmlNode | undefined {
  return node.children.find((c) => localName(c.name) === name);
}

/** All child elements with the given local name. */
export function childrenNamed(node: XmlNode, name: string): XmlNode[] {
  return node.children.filter((c) => localName(c.name) === name);
}

/** Every element of the subtree (depth-first, document order), iteratively so deep nesting cannot overflow. */
export function* walk(root: XmlNode): Generator<XmlNode> {
  const stack: XmlNode[] = [root];
  while (stack.length) {
    const n = stack.pop()!;
    yield n;
    for (let i = n.children.length - 1; i >= 0; i--) stack.push(n.children[i]);
  }
}
