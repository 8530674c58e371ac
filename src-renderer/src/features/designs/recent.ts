// Recently opened designs (newest first, at most 8), kept on this computer for the Designs page's quick list.
const KEY = 'acrylichub.recentDesigns.v1';
const MAX = 8;

export function recentDesignIds(): string[] {
  try {
    const v = JSON.parse(localStorage.getItem(KEY) ?? '[]') as unknown;
    return Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string').slice(0, MAX) : [];
  } catch {
    return [];
  }
}

export function noteOpened(id: string): void {
  localStorage.setItem(KEY, JSON.stringify([id, ...recentDesignIds().filter((x) => x !== id)].slice(0, MAX)));
}
