/**
 * Each bundle's icon, drawn here rather than taken from anywhere: a coloured rounded square with a
 * white glyph, 512×512 (the size Claude Desktop recommends). Shapes are signed-distance functions
 * sampled 4×4 times per pixel, so edges are smooth without an image library beyond the PNG
 * encoder. The pixels are deterministic: the test redraws each icon and compares them with the
 * committed file's.
 */
import pngjs from 'pngjs';

const { PNG } = pngjs;

export const ICON_SIZE = 512;
const SAMPLES = 4;
// Distances here are exact or underestimated, so a pixel centre farther than this from every edge is whole.
const EDGE = 1.5;

// Distances in pixels; negative inside the shape.
const len = (a, b) => Math.sqrt(a * a + b * b);
const roundRect = (cx, cy, hw, hh, r) => (x, y) => {
  const qx = Math.abs(x - cx) - hw + r;
  const qy = Math.abs(y - cy) - hh + r;
  return len(Math.max(qx, 0), Math.max(qy, 0)) + Math.min(Math.max(qx, qy), 0) - r;
};
const circle = (cx, cy, r) => (x, y) => len(x - cx, y - cy) - r;
const ellipse = (cx, cy, rx, ry) => (x, y) => (len((x - cx) / rx, (y - cy) / ry) - 1) * Math.min(rx, ry);
// A stroke from (ax, ay) to (bx, by) with round ends, `w` wide.
const segment = (ax, ay, bx, by, w) => (x, y) => {
  const px = x - ax;
  const py = y - ay;
  const dx = bx - ax;
  const dy = by - ay;
  const t = Math.max(0, Math.min(1, (px * dx + py * dy) / (dx * dx + dy * dy)));
  return len(px - dx * t, py - dy * t) - w / 2;
};
const union =
  (...shapes) =>
  (x, y) => {
    let d = Number.POSITIVE_INFINITY;
    for (const shape of shapes) d = Math.min(d, shape(x, y));
    return d;
  };
const minus = (a, b) => (x, y) => Math.max(a(x, y), -b(x, y));

/** The glyph of each server, on a 512-pixel canvas. */
const GLYPHS = {
  // A folder: its body and the tab on the top left.
  filesystem: {
    color: [0x2f, 0x6f, 0xd6],
    glyph: union(roundRect(256, 282, 150, 110, 22), roundRect(180, 166, 74, 40, 18)),
  },
  // A database: a cylinder cut in three by two curved gaps.
  sqlite: {
    color: [0x0f, 0x80, 0x7a],
    glyph: minus(
      union(roundRect(256, 256, 130, 130, 0), ellipse(256, 126, 130, 46), ellipse(256, 386, 130, 46)),
      union(
        minus(ellipse(256, 228, 140, 50), ellipse(256, 208, 140, 50)),
        minus(ellipse(256, 318, 140, 50), ellipse(256, 298, 140, 50)),
      ),
    ),
  },
  // A branch: two commits on a line and a third joined to it.
  github: {
    color: [0x24, 0x29, 0x2f],
    glyph: union(
      minus(circle(186, 140, 46), circle(186, 140, 20)),
      minus(circle(186, 372, 46), circle(186, 372, 20)),
      minus(circle(330, 196, 46), circle(330, 196, 20)),
      segment(186, 186, 186, 326, 32),
      segment(330, 242, 330, 262, 32),
      segment(330, 262, 200, 330, 32),
    ),
  },
  // A channel: the # sign.
  slack: {
    color: [0x61, 0x1f, 0x69],
    glyph: union(
      segment(214, 128, 186, 384, 40),
      segment(326, 128, 298, 384, 40),
      segment(138, 206, 382, 206, 40),
      segment(130, 306, 374, 306, 40),
    ),
  },
};

export const ICON_NAMES = Object.keys(GLYPHS);

/** How much of the pixel at (x, y) lies in the background, and how much of that in the glyph (0–1). */
function coverage(glyph, background, x, y) {
  // Away from every edge a pixel is all one thing: only pixels near one are sampled.
  const dBackground = background(x + 0.5, y + 0.5);
  const dGlyph = glyph(x + 0.5, y + 0.5);
  if (dBackground > EDGE) return [0, 0];
  if (dBackground < -EDGE && Math.abs(dGlyph) > EDGE) return [1, dGlyph < 0 ? 1 : 0];
  let inBackground = 0;
  let inGlyph = 0;
  for (let sy = 0; sy < SAMPLES; sy++) {
    for (let sx = 0; sx < SAMPLES; sx++) {
      const px = x + (sx + 0.5) / SAMPLES;
      const py = y + (sy + 0.5) / SAMPLES;
      if (background(px, py) <= 0) {
        inBackground++;
        if (glyph(px, py) <= 0) inGlyph++;
      }
    }
  }
  return [inBackground / (SAMPLES * SAMPLES), inBackground === 0 ? 0 : inGlyph / inBackground];
}

/** The icon of one server as PNG bytes. */
export function drawIcon(name) {
  const spec = GLYPHS[name];
  if (!spec) throw new Error(`No icon for ${name}; known: ${ICON_NAMES.join(', ')}`);
  const background = roundRect(256, 256, 248, 248, 96);
  const png = new PNG({ width: ICON_SIZE, height: ICON_SIZE });
  for (let y = 0; y < ICON_SIZE; y++) {
    for (let x = 0; x < ICON_SIZE; x++) {
      const [alpha, white] = coverage(spec.glyph, background, x, y);
      const i = (y * ICON_SIZE + x) * 4;
      for (let c = 0; c < 3; c++) png.data[i + c] = Math.round(spec.color[c] + (255 - spec.color[c]) * white);
      png.data[i + 3] = Math.round(alpha * 255);
    }
  }
  return PNG.sync.write(png, { colorType: 6 });
}
