// The DXF document structure over a tag stream: header variables, layer and text-style tables, block definitions
// and the model-space entity list, each entity as a [start, end) range of tags (no per-property objects).
// Tolerant by design: a missing HEADER or SECTION wrapper (entities at top level are model space), no EOF, data
// after EOF, $ACADVER outside the header, empty or duplicate handles (handles are only labels here).
import type { TagStream } from './tags';

export interface EntityRef {
  type: string;
  /** Index of the entity's code-0 tag. */
  start: number;
  /** Index of the next code-0 tag. */
  end: number;
}

export interface BlockDef {
  name: string;
  baseX: number;
  baseY: number;
  flags: number;
  entities: EntityRef[];
}

export interface LayerDef {
  name: string;
  /** ACI colour; negative when the layer is off. */
  color: number;
  trueColor?: number;
  frozen: boolean;
  locked: boolean;
}

export interface DxfDocument {
  tags: TagStream;
  /** Header variable name → index of its first value tag. */
  header: Map<string, number>;
  layers: Map<string, LayerDef>;
  /** Text style name (upper case) → font file or family name. */
  styles: Map<string, string>;
  /** Block name (upper case) → definition. */
  blocks: Map<string, BlockDef>;
  entities: EntityRef[];
  sawEof: boolean;
  sections: string[];
}

export function num(tags: TagStream, i: number): number {
  const v = tags.values[i];
  return v === undefined ? tags.nums[i] : typeof v === 'number' ? v : +v;
}

export function str(tags: TagStream, i: number): string {
  const v = tags.values[i];
  return typeof v === 'string' ? v : String(v ?? tags.nums[i]);
}

export function headerString(doc: DxfDocument, name: string): string | undefined {
  const i = doc.header.get(name);
  return i === undefined ? undefined : str(doc.tags, i).trim();
}

export function headerNumber(doc: DxfDocument, name: string): number | undefined {
  const i = doc.header.get(name);
  if (i === undefined) return undefined;
  const v = num(doc.tags, i);
  return Number.isFinite(v) ? v : undefined;
}

/** Values of codes 10 and 20 after the header variable (e.g. $EXTMIN). */
export function headerPoint(doc: DxfDocument, name: string): { x: number; y: number } | undefined {
  const i = doc.header.get(name);
  if (i === undefined) return undefined;
  let x = NaN;
  let y = NaN;
  const { codes } = doc.tags;
  for (let k = i; k < doc.tags.count && codes[k] !== 9 && codes[k] !== 0; k++) {
    if (codes[k] === 10) x = num(doc.tags, k);
    else if (codes[k] === 20) y = num(doc.tags, k);
  }
  return Number.isFinite(x) && Number.isFinite(y) ? { x, y } : undefined;
}

const SKIPPED_SECTIONS = new Set(['CLASSES', 'OBJECTS', 'THUMBNAILIMAGE', 'ACDSDATA']);

export function parseDocument(tags: TagStream): DxfDocument {
  const { codes, count } = tags;
  const doc: DxfDocument = {
    tags,
    header: new Map(),
    layers: new Map(),
    styles: new Map(),
    blocks: new Map(),
    entities: [],
    sawEof: false,
    sections: [],
  };
  let section = '';
  let table = '';
  let block: BlockDef | null = null;
  let open: EntityRef | null = null;
  let openList: EntityRef[] | null = null;
  let tableEntry = -1;
  let tableEntryType = '';
  const closeOpen = (i: number): void => {
    if (open) {
      open.end = i;
      openList?.push(open);
      open = null;
    }
    if (tableEntry >= 0) {
      readTableEntry(doc, tableEntryType, tableEntry, i);
      tableEntry = -1;
    }
  };
  let i = 0;
  for (; i < count; i++) {
    const code = codes[i];
    if (code === 9) {
      const name = str(tags, i);
      if (!doc.header.has(name) && i + 1 < count && codes[i + 1] !== 0) doc.header.set(name, i + 1);
      continue;
    }
    if (code !== 0) continue;
    closeOpen(i);
    const type = str(tags, i);
    if (type === 'EOF') {
      doc.sawEof = true;
      break;
    }
    if (type === 'SECTION') {
      section = i + 1 < count && codes[i + 1] === 2 ? str(tags, i + 1).toUpperCase() : '';
      doc.sections.push(section);
      continue;
    }
    if (type === 'ENDSEC') {
      section = '';
      block = null;
      continue;
    }
    if (SKIPPED_SECTIONS.has(section) || section === 'HEADER') continue;
    if (section === 'TABLES') {
      if (type === 'TABLE') table = i + 1 < count ? str(tags, i + 1).toUpperCase() : '';
      else if (type === 'ENDTAB') table = '';
      else if (table === 'LAYER' || table === 'STYLE') {
        tableEntry = i + 1;
        tableEntryType = table;
      }
      continue;
    }
    if (section === 'BLOCKS') {
      if (type === 'BLOCK') {
        block = readBlockHeader(tags, i + 1);
        const key = block.name.toUpperCase();
        if (!doc.blocks.has(key)) doc.blocks.set(key, block);
        continue;
      }
      if (type === 'ENDBLK') {
        block = null;
        continue;
      }
      if (!block) continue;
      open = { type, start: i, end: i };
      openList = block.entities;
      continue;
    }
    // ENTITIES, or entities outside any section (headerless files).
    open = { type, start: i, end: i };
    openList = doc.entities;
  }
  closeOpen(Math.min(i, count));
  return doc;
}

function readBlockHeader(tags: TagStream, from: number): BlockDef {
  const block: BlockDef = { name: '', baseX: 0, baseY: 0, flags: 0, entities: [] };
  for (let k = from; k < tags.count && tags.codes[k] !== 0; k++) {
    switch (tags.codes[k]) {
      case 2:
        block.name = str(tags, k);
        break;
      case 3:
        if (!block.name) block.name = str(tags, k);
        break;
      case 10:
        block.baseX = num(tags, k);
        break;
      case 20:
        block.baseY = num(tags, k);
        break;
      case 70:
        block.flags = num(tags, k);
        break;
    }
  }
  return block;
}

function readTableEntry(doc: DxfDocument, table: string, from: number, to: number): void {
  const { tags } = doc;
  let name = '';
  let color = 7;
  let flags = 0;
  let trueColor: number | undefined;
  let font = '';
  let family = '';
  let inAcadXdata = false;
  for (let k = from; k < to; k++) {
    switch (tags.codes[k]) {
      case 2:
        name = str(tags, k);
        break;
      case 3:
        font = str(tags, k);
        break;
      case 62:
        color = num(tags, k);
        break;
      case 70:
        flags = num(tags, k);
        break;
      case 420:
        trueColor = num(tags, k);
        break;
      case 1001:
        inAcadXdata = str(tags, k) === 'ACAD';
        break;
      case 1000:
        if (inAcadXdata && !family) family = str(tags, k);
        break;
    }
  }
  if (!name) return;
  if (table === 'LAYER') {
    if (!doc.layers.has(name)) doc.layers.set(name, { name, color, trueColor, frozen: (flags & 1) !== 0, locked: (flags & 4) !== 0 });
  } else if (!doc.styles.has(name.toUpperCase())) doc.styles.set(name.toUpperCase(), family || font);
}
