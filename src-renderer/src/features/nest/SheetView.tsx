// One nested sheet drawn as SVG (Y up like the drawing): the sheet, its margin, every placed part coloured by
// its design, the selected part highlighted. Clicking a part selects it for nudging.
import { transform } from '../../../../src-shared/nest/prepare';
import type { Placement, SheetResult } from '../../../../src-shared/nest/types';
import type { PolygonWithHoles, Ring } from '../../../../src-shared/geometry/types';

const palette = ['#5aa2f0', '#f28b82', '#81c995', '#fdd663', '#c58af9', '#78d9ec', '#fcad70', '#ff8bcb'];

function ringD(ring: Ring, pl: Placement): string {
  return ring.map((p, i) => {
    const q = transform(p, pl.rotation, pl.mirrored);
    return `${i ? 'L' : 'M'}${(q.x + pl.x).toFixed(2)} ${(q.y + pl.y).toFixed(2)}`;
  }).join('') + 'Z';
}

export function SheetView(props: {
  sheet: SheetResult;
  shapes: Map<string, PolygonWithHoles>;
  colourOf(partId: string): number;
  selected: string | null;
  label: string;
  onSelect(key: string): void;
}) {
  const { sheet } = props;
  return (
    <figure className="sheet">
      <svg viewBox={`0 ${-sheet.height} ${sheet.width} ${sheet.height}`} role="img" aria-label={props.label} data-testid="nest-sheet">
        <g transform="scale(1,-1)">
          <rect x={0} y={0} width={sheet.width} height={sheet.height} fill="var(--panel)" stroke="var(--muted)" strokeWidth={sheet.width / 400} />
          {sheet.placements.map((pl) => {
            const shape = props.shapes.get(pl.part);
            if (!shape) return null;
            const key = `${pl.part}:${pl.instance}`;
            const d = [shape.outer, ...shape.holes].map((r) => ringD(r, pl)).join('');
            return (
              <path key={key} d={d} fillRule="evenodd" fill={palette[props.colourOf(pl.part) % palette.length]}
                fillOpacity={props.selected === key ? 0.95 : 0.65} stroke={props.selected === key ? '#ff8f00' : '#333'}
                strokeWidth={sheet.width / (props.selected === key ? 250 : 800)} onClick={() => props.onSelect(key)} style={{ cursor: 'pointer' }} />
            );
          })}
        </g>
      </svg>
      <figcaption>{props.label}</figcaption>
    </figure>
  );
}
