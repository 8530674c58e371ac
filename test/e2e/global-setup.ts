// Browser tests serve dist/renderer: rebuild it first when the UI sources are newer.
// @ts-expect-error plain ESM script without type declarations
import { ensureRenderer } from '../../scripts/ensure-renderer.mjs';

export default function setup(): void {
  ensureRenderer();
}
