// Plain text from DXF TEXT/MTEXT values: MTEXT inline formatting codes (\P paragraphs, {…} groups, \f \H \W \Q
// \T \A \C \c \p parameters, \L \O \K toggles, \S stacked fractions, \U+XXXX and \M+nXXXX characters) and the
// %% control codes of TEXT (%%c ⌀, %%d °, %%p ±, %%nnn). The result is what a person reads; the formatting
// (fonts per run, heights) is dropped, which the report notes as a limitation.

const PERCENT: Record<string, string> = { c: '⌀', d: '°', p: '±', '%': '%' };

/** Decodes \U+XXXX escapes (any DXF string) and %% codes (TEXT, ATTRIB and MTEXT alike). */
export function decodeControlCodes(s: string): string {
  let out = s.replace(/\\U\+([0-9A-Fa-f]{4,5})/g, (_, hex: string) => String.fromCodePoint(parseInt(hex, 16)));
  if (out.includes('%%')) {
    out = out.replace(/%%(\d{3}|[cdpCDP%]|[uoUO])/g, (_, c: string) => {
      if (/^\d{3}$/.test(c)) return String.fromCharCode(parseInt(c, 10));
      return PERCENT[c.toLowerCase()] ?? ''; // %%u / %%o underline/overline toggles
    });
  }
  return out;
}

/** MTEXT content → plain text with "\n" between paragraphs. */
export function mtextToPlain(raw: string): string {
  let out = '';
  const n = raw.length;
  let i = 0;
  while (i < n) {
    const ch = raw[i];
    if (ch === '{' || ch === '}') {
      i++;
      continue;
    }
    if (ch !== '\\' || i + 1 >= n) {
      out += ch;
      i++;
      continue;
    }
    const code = raw[i + 1];
    i += 2;
    switch (code) {
      case 'P':
      case 'X':
        out += '\n';
        break;
      case 'N':
        out += '\n';
        break;
      case '~':
        out += '\u00a0';
        break;
      case '\\':
      case '{':
      case '}':
        out += code;
        break;
      case 'L':
      case 'l':
      case 'O':
      case 'o':
      case 'K':
      case 'k':
        break;
      case 'S': {
        const end = raw.indexOf(';', i);
        const body = end < 0 ? raw.slice(i) : raw.slice(i, end);
        out += body.replace(/\\(.)/g, '$1').replace(/[\^#]/, '/').replace(/^\s+/, '');
        i = end < 0 ? n : end + 1;
        break;
      }
      case 'U':
        if (raw[i] === '+' && /^[0-9A-Fa-f]{4}/.test(raw.slice(i + 1, i + 5))) {
          out += String.fromCodePoint(parseInt(raw.slice(i + 1, i + 5), 16));
          i += 5;
        }
        break;
      case 'M':
        // \M+nXXXX: a double-byte character of code page n; we cannot decode without the table, keep a marker.
        if (raw[i] === '+' && /^\d[0-9A-Fa-f]{4}/.test(raw.slice(i + 1, i + 6))) {
          out += '?';
          i += 6;
        }
        break;
      case 'f':
      case 'F':
      case 'H':
      case 'h':
      case 'W':
      case 'w':
      case 'Q':
      case 'q':
      case 'T':
      case 't':
      case 'A':
      case 'a':
      case 'C':
      case 'c':
      case 'p': {
        const end = raw.indexOf(';', i);
        i = end < 0 ? n : end + 1;
        break;
      }
      default:
        out += code;
    }
  }
  return decodeControlCodes(out);
}
