// $DWGCODEPAGE names → WHATWG TextDecoder labels. R2007+ (AC1021) files are UTF-8 whatever the header says;
// older ones use the Windows ANSI code page named in the header (ANSI_1252 when missing or unknown). DOS code
// pages 437/850 have no WHATWG decoder; windows-1252 shares their ASCII half, which is what CAD text mostly is.
const CODEPAGES: Record<string, string> = {
  ANSI_874: 'windows-874',
  ANSI_932: 'shift_jis',
  ANSI_936: 'gbk',
  ANSI_949: 'euc-kr',
  ANSI_950: 'big5',
  ANSI_1250: 'windows-1250',
  ANSI_1251: 'windows-1251',
  ANSI_1252: 'windows-1252',
  ANSI_1253: 'windows-1253',
  ANSI_1254: 'windows-1254',
  ANSI_1255: 'windows-1255',
  ANSI_1256: 'windows-1256',
  ANSI_1257: 'windows-1257',
  ANSI_1258: 'windows-1258',
  DOS866: 'ibm866',
  UTF8: 'utf-8',
};

export function isUnicodeVersion(acadver: string | undefined): boolean {
  return !!acadver && /^AC\d{4}$/.test(acadver) && acadver >= 'AC1021';
}

/** The decoder label for a file of this version and code page. */
export function encodingFor(acadver: string | undefined, codepage: string | undefined): string {
  if (isUnicodeVersion(acadver)) return 'utf-8';
  return CODEPAGES[(codepage ?? '').trim().toUpperCase()] ?? 'windows-1252';
}

/** Finds a header variable's value in the first bytes of an ASCII DXF without decoding the whole file. */
export function sniffHeaderVar(bytes: Uint8Array, name: string, limit = 1 << 16): string | undefined {
  const head = new TextDecoder('latin1').decode(bytes.subarray(0, Math.min(bytes.length, limit)));
  const at = head.indexOf(name);
  if (at < 0) return undefined;
  // $NAME \n code \n value
  const lines = head.slice(at).split(/\r\n|\r|\n/, 3);
  return lines[2]?.trim() || undefined;
}
