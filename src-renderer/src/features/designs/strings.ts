// Strings of the Designs area.
export const designsStrings = {
  en: {
    'designs.title': 'Designs',
    'designs.empty': 'No designs yet. Import a DXF, SVG or SketchUp (COLLADA) file to start.',
    'designs.searchPlaceholder': 'Search designs by name',
    'designs.revision': 'Revision {{n}}',
    'designs.paths': '{{count}} paths',
    'designs.updated': 'Updated {{date}}',
    'designs.confirmDelete': 'Delete "{{name}}" and all its revisions?',
  },
  id: {
    'designs.title': 'Desain',
    'designs.empty': 'Belum ada desain. Impor berkas DXF, SVG, atau SketchUp (COLLADA) untuk mulai.',
    'designs.searchPlaceholder': 'Cari desain berdasarkan nama',
    'designs.revision': 'Revisi {{n}}',
    'designs.paths': '{{count}} jalur',
    'designs.updated': 'Diperbarui {{date}}',
    'designs.confirmDelete': 'Hapus "{{name}}" beserta semua revisinya?',
  },
} as const;
