// Texts of the toolpath findings in English and Indonesian, by stable code. Findings carry the English text;
// a UI in Indonesian looks the code up here (placeholders filled from the same params).
export const TOOLPATH_MESSAGES = {
  HOLE_SMALLER_THAN_KERF: {
    en: 'hole {id} is too small for a {kerf} mm kerf; not cut',
    id: 'lubang {id} terlalu kecil untuk kerf {kerf} mm; tidak dipotong',
  },
  OPEN_CUT_CONTOUR: {
    en: 'open contour {id} on cut layer "{layer}" is cut as drawn, without kerf compensation',
    id: 'kontur terbuka {id} pada layer potong "{layer}" dipotong apa adanya, tanpa kompensasi kerf',
  },
  NOTHING_TO_CUT: {
    en: 'no contour is on a cut, score or engrave layer',
    id: 'tidak ada kontur pada layer potong, gores, atau grafir',
  },
} as const;

export type ToolpathMessageCode = keyof typeof TOOLPATH_MESSAGES;

export function toolpathMessage(code: ToolpathMessageCode, lang: 'en' | 'id', params: Record<string, string | number> = {}): string {
  return TOOLPATH_MESSAGES[code][lang].replace(/\{(\w+)\}/g, (_, k: string) => (k in params ? String(params[k]) : `{${k}}`));
}
