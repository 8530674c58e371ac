// How many px make an inch depends on who wrote the SVG. CSS and Inkscape ≥ 0.92 use 96; Inkscape up to 0.91
// used 90; Adobe Illustrator writes px meaning points (72 per inch). Reading an Illustrator or old-Inkscape file
// at 96 px/in cuts every part 25 % or 6 % too small, a classic laser-shop mistake, so the producer is recognised
// (Illustrator's generator comment, Inkscape's inkscape:version) and its resolution used unless the caller says.
import type { XmlNode } from './xml-tree';

export interface ProducerDpi {
  dpi: number;
  producer?: string;
}

export function producerDpi(text: string, root: XmlNode): ProducerDpi {
  if (/<!--\s*Generator:\s*Adobe Illustrator/i.test(text.slice(0, 2000))) return { dpi: 72, producer: 'Adobe Illustrator' };
  const v = /^(\d+)\.(\d+)/.exec(root.attrs['inkscape:version'] ?? '');
  if (v && Number(v[1]) === 0 && Number(v[2]) < 92) return { dpi: 90, producer: `Inkscape ${v[0]}` };
  return { dpi: 96 };
}
