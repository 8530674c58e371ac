// Draws the app icon procedurally (a translucent acrylic sheet on a rounded tile with a laser beam) and writes
// build/icons/NxN.png, build/icon.ico and build/icon.icns (PNG-embedded entries, valid for all current OSes).
// Hand-written because it is a one-off generator with no image library in the project; run: node scripts/make-icons.mjs
import { mkdirSync, writeFileSync } from 'node:fs';
import { crc32, deflateSync } from 'node:zlib';

function pixel(x, y, n) {
  const u = x / n, v = y / n;
  const r = 0.18, inset = 0.04;
  const cx = Math.min(Math.max(u, inset + r), 1 - inset - r), cy = Math.min(Math.max(v, inset + r), 1 - inset - r);
  const outside = Math.hypot(u - cx, v - cy) > r;
  if (outside) return [0, 0, 0, 0];
  let [R, G, B] = [11 + 40 * v, 99 + 60 * v, 197 - 40 * u];
  const sheet = u > 0.2 && u < 0.8 && v > 0.3 && v < 0.78 && v - 0.3 < (u - 0.2) * 2.5 + 0.2;
  if (sheet) [R, G, B] = [R * 0.35 + 255 * 0.65, G * 0.35 + 255 * 0.65, B * 0.35 + 255 * 0.65];
  const beam = Math.abs(u - 0.62) < 0.018 && v < 0.5;
  const dot = Math.hypot(u - 0.62, v - 0.5) < 0.045;
  if (beam || dot) [R, G, B] = [255, 80, 40];
  return [R, G, B, 255].map((c) => Math.round(Math.max(0, Math.min(255, c))));
}

function png(n) {
  const raw = Buffer.alloc((n * 4 + 1) * n);
  for (let y = 0; y < n; y++) {
    raw[y * (n * 4 + 1)] = 0;
    for (let x = 0; x < n; x++) Buffer.from(pixel(x + 0.5, y + 0.5, n)).copy(raw, y * (n * 4 + 1) + 1 + x * 4);
  }
  const chunk = (type, data) => {
    const len = Buffer.alloc(4); len.writeUInt32BE(data.length);
    const body = Buffer.concat([Buffer.from(type), data]);
    const crc = Buffer.alloc(4); crc.writeUInt32BE(crc32(body));
    return Buffer.concat([len, body, crc]);
  };
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(n, 0); ihdr.writeUInt32BE(n, 4); ihdr[8] = 8; ihdr[9] = 6;
  return Buffer.concat([Buffer.from([137, 80, 78, 71, 13, 10, 26, 10]), chunk('IHDR', ihdr), chunk('IDAT', deflateSync(raw)), chunk('IEND', Buffer.alloc(0))]);
}

mkdirSync('build/icons', { recursive: true });
const images = new Map();
for (const n of [16, 32, 48, 64, 128, 256, 512, 1024]) {
  images.set(n, png(n));
  if (n <= 512) writeFileSync(`build/icons/${n}x${n}.png`, images.get(n));
}

const icoSizes = [16, 32, 48, 256];
const header = Buffer.alloc(6 + 16 * icoSizes.length);
header.writeUInt16LE(1, 2); header.writeUInt16LE(icoSizes.length, 4);
let offset = header.length;
icoSizes.forEach((n, i) => {
  const e = 6 + i * 16, data = images.get(n);
  header[e] = n % 256; header[e + 1] = n % 256; header.writeUInt16LE(1, e + 4); header.writeUInt16LE(32, e + 6);
  header.writeUInt32LE(data.length, e + 8); header.writeUInt32LE(offset, e + 12);
  offset += data.length;
});
writeFileSync('build/icon.ico', Buffer.concat([header, ...icoSizes.map((n) => images.get(n))]));

const icnsTypes = [['icp4', 16], ['icp5', 32], ['ic07', 128], ['ic08', 256], ['ic09', 512], ['ic10', 1024]];
const entries = icnsTypes.map(([type, n]) => {
  const h = Buffer.alloc(8); h.write(type, 0, 'ascii'); h.writeUInt32BE(8 + images.get(n).length, 4);
  return Buffer.concat([h, images.get(n)]);
});
const total = 8 + entries.reduce((s, e) => s + e.length, 0);
const icnsHeader = Buffer.alloc(8); icnsHeader.write('icns', 0, 'ascii'); icnsHeader.writeUInt32BE(total, 4);
writeFileSync('build/icon.icns', Buffer.concat([icnsHeader, ...entries]));
console.log('Wrote build/icons/*.png, build/icon.ico, build/icon.icns');
