import type { GreyImage } from '../ingest/index.js';
import { median } from '../sorted.js';
import { inkThreshold } from './deskew.js';
import { type Blob, inkBlobs } from './ink-blobs.js';

/** Leader dots found on a page: how many rows of them, and the page with them erased. */
export interface ErasedLeaders {
  image: GreyImage;
  /** Rows of leader dots erased (0: the page is returned as it was). */
  rows: number;
}

/** A row of dots is a leader from this many dots: an ellipsis (three or four) is punctuation. */
const MIN_DOTS = 5;

/** Type smaller than this many pixels (a preview) is read as it is: dots and specks look alike. */
const MIN_TYPE = 8;

/**
 * Leader dots (`ROSSI Anna ........ presente`) erased from a page before it is
 * read. Tesseract reads a line as one sequence: a row of dots beside a name is
 * read as letters (`SPOT E GEE`) and drags the name into them
 * (`PRESTIANNI` → `PRESTTANNT`); the same page read without its dots gives
 * every name of an attendance list right. A leader is told from print by its
 * shape alone: at least five dots, each much smaller than the page's letters,
 * on one baseline, evenly spaced. A full stop, an ellipsis, an `i`'s dot stay.
 */
export function eraseLeaderDots(img: GreyImage): ErasedLeaders {
  const { blobs, rows, type } = findLeaderDots(img);
  if (rows.length === 0) return { image: img, rows: 0 };
  const { width: w, height: h } = img;
  const data = Uint8Array.from(img.data);
  // A dot's box and a margin round it: the grey rim a scan gives a dot, left behind, is read as a ring of specks.
  const pad = Math.max(1, Math.round(0.08 * type));
  for (const row of rows)
    for (const i of row) {
      const b = blobs[i] as Blob;
      const [x0, x1] = [Math.max(0, b.x0 - pad), Math.min(w - 1, b.x1 + pad)];
      for (let y = Math.max(0, b.y0 - pad); y <= Math.min(h - 1, b.y1 + pad); y++) data.fill(255, y * w + x0, y * w + x1 + 1);
    }
  return { image: { width: w, height: h, data }, rows: rows.length };
}

/** Whether a page prints leader dots (on a preview: a page's copy of at least 1.5 MP tells them). */
export function hasLeaderDots(img: GreyImage): boolean {
  return findLeaderDots(img).rows.length > 0;
}

function findLeaderDots(img: GreyImage): { blobs: Blob[]; rows: number[][]; type: number } {
  const threshold = inkThreshold(img.data);
  if (threshold === null) return { blobs: [], rows: [], type: 0 };
  const blobs = inkBlobs(img, threshold);
  return { blobs, ...leaderRows(blobs) };
}

/**
 * The rows of leader dots among a page's blobs, each as its blobs' indexes.
 * The type size is the median height of the blobs at least 40% as tall as the
 * page's tallest common ones (the 90th percentile): letters, not the dots and
 * specks, however many leaders a page has.
 */
export function leaderRows(blobs: readonly Blob[]): { rows: number[][]; type: number } {
  const heights = blobs.map((b) => b.y1 - b.y0 + 1).sort((a, b) => a - b);
  const tall = heights[Math.floor(heights.length * 0.9)] ?? 0;
  const type = median(heights.filter((h) => h >= 0.4 * tall));
  if (type < MIN_TYPE) return { rows: [], type };
  const least = 0.1 * type;
  const small = 0.35 * type;
  const dots: number[] = [];
  blobs.forEach((b, i) => {
    const w = b.x1 - b.x0 + 1;
    const h = b.y1 - b.y0 + 1;
    // Round and solid: a comma is twice as tall as wide, a speck of noise a pixel or two.
    if (w <= small && h <= small && w <= 2.5 * h && h <= 2.5 * w && b.pixels >= 0.5 * w * h && w >= least && h >= least) dots.push(i);
  });
  dots.sort((a, b) => (blobs[a] as Blob).x0 - (blobs[b] as Blob).x0);
  // Chains left to right: each dot goes on the chain it continues (same baseline, a dot's gap ahead), else starts one.
  const chains: number[][] = [];
  const open: number[][] = [];
  const cy = (i: number) => ((blobs[i] as Blob).y0 + (blobs[i] as Blob).y1) / 2;
  const cx = (i: number) => ((blobs[i] as Blob).x0 + (blobs[i] as Blob).x1) / 2;
  for (const d of dots) {
    let best: number[] | undefined;
    let bestGap = Number.POSITIVE_INFINITY;
    for (let k = open.length - 1; k >= 0; k--) {
      const chain = open[k] as number[];
      const last = chain[chain.length - 1] as number;
      const gap = cx(d) - cx(last);
      if (gap > 1.5 * type) {
        open.splice(k, 1); // no later dot can continue it
        continue;
      }
      if (gap > 0 && Math.abs(cy(d) - cy(last)) <= 0.15 * type && gap < bestGap) {
        best = chain;
        bestGap = gap;
      }
    }
    if (best) best.push(d);
    else {
      const chain = [d];
      chains.push(chain);
      open.push(chain);
    }
  }
  const runs = chains.flatMap((chain) => (chain.length >= MIN_DOTS ? atOnePitch(chain, cx, type) : [])).filter((run) => run.length >= MIN_DOTS);
  if (runs.length === 0) return { rows: [], type };
  const alone = isolated(blobs, type);
  return { rows: runs.filter((run) => run.filter(alone).length >= 0.8 * run.length), type };
}

/**
 * A chain cut where a gap is far from the chain's pitch (an `L.` after a leader, a stop before it), and
 * the runs left that are evenly spaced: most gaps within a third of the pitch.
 */
function atOnePitch(chain: number[], cx: (i: number) => number, type: number): number[][] {
  const gaps = chain.slice(1).map((d, i) => cx(d) - cx(chain[i] as number));
  const pitch = median(gaps);
  if (pitch < 0.3 * type) return []; // specks of a noisy scan, not dots a letter apart
  const runs: number[][] = [[chain[0] as number]];
  gaps.forEach((g, i) => {
    if (g > 1.6 * pitch || g < 0.5 * pitch) runs.push([]);
    (runs[runs.length - 1] as number[]).push(chain[i + 1] as number);
  });
  return runs.filter((run) => {
    const inner = run.slice(1).map((d, i) => cx(d) - cx(run[i] as number));
    return inner.filter((g) => g >= 0.67 * pitch && g <= 1.5 * pitch).length >= 0.8 * inner.length;
  });
}

/**
 * Whether a dot stands alone in its column: no ink within most of a letter's height above or below it.
 * An `i`'s dot has its stem under it, a colon's dots each other; a leader's dot sits on the baseline alone.
 */
function isolated(blobs: readonly Blob[], type: number): (i: number) => boolean {
  const cell = Math.max(1, Math.round(type));
  const grid = new Map<number, number[]>();
  const key = (gx: number, gy: number) => gy * 100_000 + gx;
  blobs.forEach((b, i) => {
    for (let gy = Math.floor(b.y0 / cell); gy <= Math.floor(b.y1 / cell); gy++)
      for (let gx = Math.floor(b.x0 / cell); gx <= Math.floor(b.x1 / cell); gx++) {
        const k = key(gx, gy);
        const list = grid.get(k);
        if (list) list.push(i);
        else grid.set(k, [i]);
      }
  });
  const reach = 0.8 * type;
  return (i) => {
    const d = blobs[i] as Blob;
    const [y0, y1] = [d.y0 - reach, d.y1 + reach];
    for (let gy = Math.floor(y0 / cell); gy <= Math.floor(y1 / cell); gy++)
      for (let gx = Math.floor(d.x0 / cell); gx <= Math.floor(d.x1 / cell); gx++)
        for (const j of grid.get(key(gx, gy)) ?? []) {
          const b = blobs[j] as Blob;
          if (j !== i && b.x1 >= d.x0 && b.x0 <= d.x1 && b.y1 >= y0 && b.y0 <= y1) return false;
        }
    return true;
  };
}
