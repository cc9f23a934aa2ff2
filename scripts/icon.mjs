// Draws icon.png (512×512, the size Claude Desktop recommends): a white map pin on a teal rounded
// square. Written with node:zlib alone, so the icon is reproducible without image tools:
// `node scripts/icon.mjs`.
import { writeFile } from "node:fs/promises";
import { deflateSync } from "node:zlib";
import { ROOT } from "./bundle.mjs";

const SIZE = 512;
const SAMPLES = 4; // per axis, for smooth edges
const TEAL = [15, 118, 110];
const WHITE = [255, 255, 255];

const insideRoundedSquare = (x, y) => {
  const radius = 104;
  const dx = Math.max(radius - x, 0, x - (SIZE - radius));
  const dy = Math.max(radius - y, 0, y - (SIZE - radius));
  return dx * dx + dy * dy <= radius * radius;
};

/** A pin: a ring, and below it the two tangents from the ring down to the tip. */
const insidePin = (x, y) => {
  const [cx, cy, outer, hole, tipY] = [256, 212, 124, 50, 444];
  const distance = Math.hypot(x - cx, y - cy);
  if (distance <= hole) return false;
  if (distance <= outer) return true;
  const sinHalfAngle = outer / (tipY - cy);
  const tangentY = cy + outer * sinHalfAngle;
  const halfWidth = (tipY - y) * Math.tan(Math.asin(sinHalfAngle));
  return y >= tangentY && y <= tipY && Math.abs(x - cx) <= halfWidth;
};

function pixel(px, py) {
  let square = 0;
  let pin = 0;
  for (let sy = 0; sy < SAMPLES; sy++) {
    for (let sx = 0; sx < SAMPLES; sx++) {
      const x = px + (sx + 0.5) / SAMPLES;
      const y = py + (sy + 0.5) / SAMPLES;
      if (!insideRoundedSquare(x, y)) continue;
      square++;
      if (insidePin(x, y)) pin++;
    }
  }
  const mix = square === 0 ? 0 : pin / square;
  const color = TEAL.map((channel, i) => Math.round(channel + (WHITE[i] - channel) * mix));
  return [...color, Math.round((255 * square) / SAMPLES ** 2)];
}

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
const crc32 = (bytes) => {
  let crc = 0xffffffff;
  for (const byte of bytes) crc = CRC_TABLE[(crc ^ byte) & 0xff] ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
};

function chunk(type, data) {
  const typeAndData = Buffer.concat([Buffer.from(type, "ascii"), data]);
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(typeAndData));
  return Buffer.concat([length, typeAndData, crc]);
}

const header = Buffer.alloc(13);
header.writeUInt32BE(SIZE, 0);
header.writeUInt32BE(SIZE, 4);
header.set([8, 6, 0, 0, 0], 8); // 8-bit RGBA, deflate, no filter method variants, no interlace
const rows = Buffer.alloc(SIZE * (1 + SIZE * 4)); // each row: filter byte 0, then RGBA pixels
for (let y = 0; y < SIZE; y++) {
  for (let x = 0; x < SIZE; x++) rows.set(pixel(x, y), y * (1 + SIZE * 4) + 1 + x * 4);
}
const png = Buffer.concat([
  Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
  chunk("IHDR", header),
  chunk("IDAT", deflateSync(rows, { level: 9 })),
  chunk("IEND", Buffer.alloc(0)),
]);
await writeFile(`${ROOT}icon.png`, png);
process.stderr.write(`wrote icon.png (${png.length} bytes)\n`);
