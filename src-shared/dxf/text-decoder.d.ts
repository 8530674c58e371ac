// The one Web/Node global the pure DXF reader needs. src-shared compiles with lib ES2022 and no DOM, so we declare
// the minimal TextDecoder surface here instead of pulling in the DOM lib (which would let DOM APIs leak into pure
// code). Node ≥ 11 (with full ICU, as in official builds) and every browser provide it, including legacy code
// pages (shift_jis, gbk, windows-125x) that $DWGCODEPAGE names. Decoding here, not in src-main, keeps the reader
// usable from the renderer and a worker with the same bytes-in API, and lets it pick the code page from the
// header it is parsing.
declare class TextDecoder {
  constructor(label?: string, options?: { fatal?: boolean; ignoreBOM?: boolean });
  readonly encoding: string;
  decode(input?: Uint8Array): string;
}
