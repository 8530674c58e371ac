import { describe, expect, it } from 'vitest';
import { circlePath, rectanglePath } from './shapes';
import { designThumbnail, designToSvg } from './svg-export';

const layers = [{ name: '0', operation: 'cut' as const, visible: true, locked: false }, { name: 'e', operation: 'engrave' as const, visible: true, locked: false }];

describe('SVG export', () => {
  it('writes millimetre size, a viewBox of the drawing, and arcs as arc commands', () => {
    const svg = designToSvg([rectanglePath({ id: 'r', layer: '0', x: 0, y: 0, width: 100, height: 50, radius: 5 }), circlePath({ id: 'c', layer: 'e', cx: 50, cy: 25, radius: 10 })], layers);
    expect(svg).toContain('width="100mm" height="50mm"');
    expect(svg).toContain('viewBox="0 0 100 50"');
    expect(svg).toMatch(/<g id="engrave"[^>]*><path d="M60 25A10 10 0 0 0 40 25A10 10 0 0 0 60 25Z"\/>/);
    expect(svg.match(/A5 5 0 0 0/g)).toHaveLength(4);
  });
  it('makes a small data URL thumbnail', () => {
    expect(designThumbnail([circlePath({ id: 'c', layer: '0', cx: 0, cy: 0, radius: 1 })], layers)).toMatch(/^data:image\/svg\+xml,%3Csvg/);
  });
});
