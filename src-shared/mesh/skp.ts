// SketchUp's own .skp format is closed (the only reader is Trimble's C SDK, not usable in a pure TS module), so
// we recognise it and tell the user how to export a COLLADA file instead. Every .skp, from the legacy MFC archive
// (SketchUp ≤ 2020) to the zip container (2021+), starts with 0xFF 0xFE 0xFF, a length byte and the UTF-16LE text
// "SketchUp Model", followed the same way by the version in braces, e.g. "{8.0.16846}" or "{25.0.575}".

const MAGIC = 'SketchUp Model';

function utf16At(bytes: Uint8Array, offset: number): { text: string; next: number } | undefined {
  if (bytes.length < offset + 4 || bytes[offset] !== 0xff || bytes[offset + 1] !== 0xfe || bytes[offset + 2] !== 0xff) return undefined;
  const n = bytes[offset + 3];
  const end = offset + 4 + 2 * n;
  if (bytes.length < end) return undefined;
  let text = '';
  for (let i = offset + 4; i < end; i += 2) text += String.fromCharCode(bytes[i] | (bytes[i + 1] << 8));
  return { text, next: end };
}

/** True when the bytes start with SketchUp's file signature. */
export function isSketchUpFile(bytes: Uint8Array): boolean {
  return utf16At(bytes, 0)?.text === MAGIC;
}

/** The SketchUp version that wrote the file ("8.0.16846"), when the signature is there. */
export function sketchUpVersion(bytes: Uint8Array): string | undefined {
  const head = utf16At(bytes, 0);
  if (head?.text !== MAGIC) return undefined;
  return utf16At(bytes, head.next)?.text.replace(/^\{|\}$/g, '');
}

/** Error thrown for a .skp file: says what it is and how to export COLLADA, in English and Indonesian. */
export class SketchUpFileError extends Error {
  readonly code = 'SKP_NOT_SUPPORTED';
  constructor(readonly version: string | undefined) {
    const v = version ? ` ${version}` : '';
    super(
      `This is a SketchUp${v} model (.skp), which cannot be read directly. In SketchUp choose File → Export → 3D Model…, ` +
        'pick "COLLADA File (*.dae)" as the type, save, and open the .dae file here (OBJ and STL exports work too). / ' +
        `Ini adalah model SketchUp${v} (.skp) yang tidak dapat dibaca langsung. Di SketchUp pilih File → Export → 3D Model…, ` +
        'pilih jenis "COLLADA File (*.dae)", simpan, lalu buka berkas .dae tersebut di sini (ekspor OBJ dan STL juga bisa).',
    );
    this.name = 'SketchUpFileError';
  }
}

/** Throws SketchUpFileError when the bytes are a .skp file; returns otherwise. */
export function rejectSketchUpFile(bytes: Uint8Array): void {
  if (isSketchUpFile(bytes)) throw new SketchUpFileError(sketchUpVersion(bytes));
}
