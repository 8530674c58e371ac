// Maps an app:// URL path to a file inside the renderer folder, or null when it would leave that folder
// (../ tricks, encoded separators). Paths without an extension load index.html (client-side areas).
import { extname, join, normalize, sep } from 'node:path';

export function resolveInside(root: string, urlPath: string): string | null {
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath);
  } catch {
    return null;
  }
  const target = normalize(join(root, decoded));
  const base = root.endsWith(sep) ? root : root + sep;
  if (target !== root && !target.startsWith(base)) return null;
  return target === root || !extname(target) ? join(root, 'index.html') : target;
}
