// Turns a decoded layout into the public NestResult: placements in input units, utilisation per sheet and overall,
// the offcut left on the last sheet, and every instance that was not placed with its reason.
import type { Layout } from './pack';
import type { Prepared } from './prepare';
import type { NestResult, Offcut, Placement, SheetResult, Unplaced } from './types';

export function buildResult(prep: Prepared, layout: Layout, meta: { evaluations: number; seconds: number; seed: number }): NestResult {
  const placements: Placement[] = [];
  const bySlot = new Map<number, { placements: Placement[]; area: number; top: number }>();
  for (const it of layout.items) {
    if (!it) continue;
    const v = prep.variants[it.variant];
    const inst = prep.instances[it.inst];
    const p: Placement = {
      part: prep.parts[inst.part].id,
      instance: inst.copy,
      sheet: it.slot,
      x: it.x / prep.scale,
      y: it.y / prep.scale,
      rotation: v.rotation,
      mirrored: v.mirrored,
    };
    placements.push(p);
    let s = bySlot.get(it.slot);
    if (!s) bySlot.set(it.slot, (s = { placements: [], area: 0, top: 0 }));
    s.placements.push(p);
    s.area += inst.area;
    s.top = Math.max(s.top, p.y + v.body.maxY);
  }
  const slotsUsed = [...bySlot.keys()].sort((a, b) => a - b);
  const sheets: SheetResult[] = slotsUsed.map((i) => {
    const slot = prep.slots[i];
    const s = bySlot.get(i)!;
    const sheetArea = prep.strip ? slot.height * layout.lengths[i] : slot.width * slot.height;
    return {
      index: i,
      ...(slot.sheetId !== undefined ? { sheetId: slot.sheetId } : {}),
      width: prep.strip ? layout.lengths[i] : slot.width,
      height: slot.height,
      utilisation: sheetArea > 0 ? s.area / sheetArea : 0,
      placements: s.placements,
    };
  });
  const placedArea = [...bySlot.values()].reduce((a, s) => a + s.area, 0);
  const usedArea = sheets.reduce((a, s) => a + s.width * s.height, 0);
  const result: NestResult = {
    sheets,
    utilisation: usedArea > 0 ? placedArea / usedArea : 0,
    placements,
    unplaced: unplacedList(prep, layout),
    offcut: prep.strip || slotsUsed.length === 0 ? null : offcutOf(prep, slotsUsed[slotsUsed.length - 1], layout.lengths, bySlot.get(slotsUsed[slotsUsed.length - 1])!.top),
    evaluations: meta.evaluations,
    seconds: meta.seconds,
    seed: meta.seed,
  };
  if (prep.strip) result.strip = { height: prep.slots[0].height, length: layout.lengths[0] };
  return result;
}

/** The larger of the two clean rectangles left on the last sheet: right of the parts, or above them. */
function offcutOf(prep: Prepared, slotIndex: number, lengths: number[], top: number): Offcut {
  const slot = prep.slots[slotIndex];
  const x = Math.min(slot.width, lengths[slotIndex] + prep.spacing);
  const y = Math.min(slot.height, top + prep.spacing);
  const right = { sheet: slotIndex, x, y: 0, width: slot.width - x, height: slot.height };
  const above = { sheet: slotIndex, x: 0, y, width: slot.width, height: slot.height - y };
  const pick = right.width * right.height >= above.width * above.height ? right : above;
  return { ...pick, area: pick.width * pick.height };
}

function unplacedList(prep: Prepared, layout: Layout): Unplaced[] {
  const out: Unplaced[] = [...prep.rejected];
  const sheets = prep.slots.length;
  for (const inst of layout.noRoom) {
    const i = prep.instances[inst];
    const id = prep.parts[i.part].id;
    out.push({ part: id, instance: i.copy, reason: 'no-room', message: `part "${id}" copy ${i.copy + 1}: no room left on the ${sheets} available sheet${sheets === 1 ? '' : 's'}` });
  }
  for (const inst of layout.cutOff) {
    const i = prep.instances[inst];
    const id = prep.parts[i.part].id;
    out.push({ part: id, instance: i.copy, reason: 'time-budget', message: `part "${id}" copy ${i.copy + 1}: the time budget ran out before it was placed` });
  }
  return out;
}
