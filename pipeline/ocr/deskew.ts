import { capPixels, type GreyImage } from '../ingest/index.js';

/**
 * The skew of a page of text, in degrees (positive: text lines fall to the
 * right), by the projection-profile method: on a small binarised copy, the
 * shear that makes the rows' ink counts most uneven lines up the text lines.
 * Searches ±`maxDegrees`; 0 for a page with too little ink to tell.
 */
export function detectSkew(img: GreyImage, maxDegrees = 4, step = 0.2): number {
  const small = capPixels(img, 600_000);
  const { width: w, height: h, data } = small;
  // Ink by the page's own contrast: faded type, scaled down, is grey (a fixed mid-grey found no ink on
  // typewritten pages of faded ribbon, which then went unstraightened).
  const threshold = inkThreshold(data);
  if (threshold === null) return 0;
  const ink: number[] = [];
  for (let y = 0; y < h; y++) for (let x = 0; x < w; x++) if ((data[y * w + x] as number) < threshold) ink.push(x, y);
  if (ink.length < 2000) return 0;
  let best = 0;
  let bestScore = -1;
  const rows = new Float64Array(h * 2);
  for (let deg = -maxDegrees; deg <= maxDegrees + 1e-9; deg += step) {
    const t = Math.tan((deg * Math.PI) / 180);
    rows.fill(0);
    for (let i = 0; i < ink.length; i += 2) {
      const y = Math.round((ink[i + 1] as number) - (ink[i] as number) * t) + (h >> 1);
      if (y >= 0 && y < rows.length) rows[y] = (rows[y] as number) + 1;
    }
    let score = 0;
    for (let y = 1; y < rows.length; y++) {
      const d = (rows[y] as number) - (rows[y - 1] as number);
      score += d * d;
    }
    if (score > bestScore) {
      bestScore = score;
      best = deg;
    }
  }
  return Math.round(best * 100) / 100;
}

/** Rotate a grey image by a small angle (degrees, counter-clockwise positive) about its centre, white outside; bilinear. */
export function rotateSmall(img: GreyImage, degrees: number): GreyImage {
  if (Math.abs(degrees) < 0.05) return img;
  const { width: w, height: h, data } = img;
  const out = new Uint8Array(w * h);
  const a = (degrees * Math.PI) / 180;
  const cos = Math.cos(a);
  const sin = Math.sin(a);
  const cx = w / 2;
  const cy = h / 2;
  for (let y = 0; y < h; y++) {
    const dy = y - cy;
    for (let x = 0; x < w; x++) {
      const dx = x - cx;
      const sx = cos * dx - sin * dy + cx;
      const sy = sin * dx + cos * dy + cy;
      const x0 = Math.floor(sx);
      const y0 = Math.floor(sy);
      if (x0 < 0 || y0 < 0 || x0 >= w - 1 || y0 >= h - 1) {
        out[y * w + x] = 255;
        continue;
      }
      const fx = sx - x0;
      const fy = sy - y0;
      const i = y0 * w + x0;
      const top = (data[i] as number) * (1 - fx) + (data[i + 1] as number) * fx;
      const bottom = (data[i + w] as number) * (1 - fx) + (data[i + w + 1] as number) * fx;
      out[y * w + x] = Math.round(top * (1 - fy) + bottom * fy);
    }
  }
  return { width: w, height: h, data: out };
}

/** Paper and ink must differ by this many grey levels: less is a blank page's noise, with no lines to find. */
const MIN_CONTRAST = 24;

/**
 * The grey level between ink and paper (Otsu's: the split of the histogram with the largest variance
 * between the two classes), or null when the two are too alike to be ink on paper.
 */
export function inkThreshold(data: Uint8Array): number | null {
  // Counted by index into integers: a third of the time of a for-of into floats, and every stage that looks at a
  // page's ink (skew, leader dots, bullets, lost lines) asks for it.
  const hist = new Uint32Array(256);
  for (let i = 0; i < data.length; i++) {
    const v = data[i] as number;
    hist[v] = (hist[v] as number) + 1;
  }
  const total = data.length;
  let sum = 0;
  for (let i = 0; i < 256; i++) sum += i * (hist[i] as number);
  let below = 0;
  let sumBelow = 0;
  let best = -1;
  let split = 0;
  let means: [number, number] = [0, 0];
  for (let t = 0; t < 255; t++) {
    below += hist[t] as number;
    sumBelow += t * (hist[t] as number);
    const above = total - below;
    if (below === 0 || above === 0) continue;
    const m0 = sumBelow / below;
    const m1 = (sum - sumBelow) / above;
    const between = below * above * (m0 - m1) ** 2;
    if (between > best) {
      best = between;
      split = t + 1;
      means = [m0, m1];
    }
  }
  return best > 0 && means[1] - means[0] >= MIN_CONTRAST ? split : null;
}
