// Titles of every finding code the importers, contour builder and checks emit, in English and Indonesian, for
// the UI's findings list (the finding's own message carries the specifics: sizes, names, counts, in English).
export interface FindingTitle {
  en: string;
  id: string;
}

export const FINDING_TITLES: Record<string, FindingTitle> = {
  OPEN_CONTOUR: { en: 'Open contour', id: 'Kontur terbuka' },
  CONTOUR_CLOSED_WITH_GAP: { en: 'Contour closed across a small gap', id: 'Kontur ditutup melewati celah kecil' },
  DUPLICATE_SEGMENT: { en: 'Duplicate or overlapping lines', id: 'Garis ganda atau bertumpuk' },
  SELF_INTERSECTION: { en: 'Contour crosses itself', id: 'Kontur memotong dirinya sendiri' },
  FEATURE_TOO_NARROW: { en: 'Feature narrower than the kerf', id: 'Bagian lebih sempit dari lebar potong laser' },
  HOLE_SMALLER_THAN_THICKNESS: { en: 'Hole smaller than the material thickness', id: 'Lubang lebih kecil dari ketebalan bahan' },
  TEXT_NOT_CONVERTED: { en: 'Text not converted to outlines', id: 'Teks tidak dikonversi menjadi garis luar' },
  PART_LARGER_THAN_SHEET: { en: 'Part larger than the sheet', id: 'Bagian lebih besar dari lembaran' },
  ZERO_LENGTH: { en: 'Zero-length geometry', id: 'Geometri dengan panjang nol' },
  FAR_FROM_ORIGIN: { en: 'Drawing far from the origin', id: 'Gambar jauh dari titik asal' },
  UNITS_INFERRED: { en: 'Units guessed — please confirm', id: 'Satuan ditebak — mohon konfirmasi' },
  UNITS_SUSPICIOUS: { en: 'Units look wrong — please check', id: 'Satuan tampak salah — mohon periksa' },
  CHECK_SKIPPED: { en: 'Check skipped (design too large)', id: 'Pemeriksaan dilewati (desain terlalu besar)' },
  UNSUPPORTED_ENTITY: { en: 'Entities not imported', id: 'Entitas tidak diimpor' },
  MESH_IGNORED: { en: '3D mesh ignored', id: 'Mesh 3D diabaikan' },
  BLOCK_RECURSION: { en: 'Block inserts itself', id: 'Blok menyisipkan dirinya sendiri' },
  NESTING_TOO_DEEP: { en: 'Blocks nested too deeply', id: 'Blok bersarang terlalu dalam' },
  BLOCK_NOT_FOUND: { en: 'Missing block definition', id: 'Definisi blok tidak ditemukan' },
  XREF_NOT_LOADED: { en: 'External reference not loaded', id: 'Referensi eksternal tidak dimuat' },
  INSERT_ZERO_SCALE: { en: 'Block inserted at scale zero', id: 'Blok disisipkan dengan skala nol' },
  INVALID_COORDINATE: { en: 'Invalid coordinate (NaN)', id: 'Koordinat tidak valid (NaN)' },
  COORDINATE_OUT_OF_RANGE: { en: 'Coordinate out of range', id: 'Koordinat di luar jangkauan' },
  OUTPUT_LIMIT: { en: 'Drawing too large; import stopped', id: 'Gambar terlalu besar; impor dihentikan' },
  BAD_SPLINE: { en: 'Invalid spline', id: 'Spline tidak valid' },
  DXF_SYNTAX_REPAIRED: { en: 'File structure repaired', id: 'Struktur berkas diperbaiki' },
  DXF_NO_EOF: { en: 'File may be truncated', id: 'Berkas mungkin terpotong' },
};

/** The title of a finding code in the language asked for (the code itself when unknown). */
export function findingTitle(code: string, lang: 'en' | 'id' = 'en'): string {
  return FINDING_TITLES[code]?.[lang] ?? code;
}
