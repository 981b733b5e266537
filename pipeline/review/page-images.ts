import { closeSync, existsSync, mkdirSync, openSync, readSync } from 'node:fs';
import { join } from 'node:path';
import { writeTogether } from '../batch/outputs.js';
import { capPixels, imageDimensions, type LoadedSource, type ReaderPool, readSource, rotateGrey, toJpeg } from '../ingest/index.js';
import { rotateSmall } from '../ocr/deskew.js';
import { imageDir, type PageGeometry, PREVIEW_PIXELS, pageImageName } from './page-image-key.js';
import type { ReviewDoc } from './read-output.js';

/** A page's preview in the site's image folder. */
export interface PageImage {
  file: string;
  width: number;
  height: number;
}

/** The previews of a document by page number, and why some pages have none. */
export interface DocImages {
  pages: Map<number, PageImage>;
  rendered: number;
  /** Why the pages lack an image (source moved or changed), for the page and the command's output. */
  missing: string | null;
}

const TEXT_TYPES = new Set(['text/plain', 'text/markdown']);

/** How page `n` was turned and straightened before OCR (none for text-layer pages). */
function geometryOf(doc: ReviewDoc, n: number): PageGeometry {
  const words = doc.words.get(n);
  if (words) return { rotation: words.rotation, skew: words.skew };
  const rotation = doc.record.source.pages.find((p) => p.n === n)?.rotation ?? 0;
  return { rotation: rotation === 90 || rotation === 180 || rotation === 270 ? rotation : 0, skew: 0 };
}

/**
 * Every page's preview: from the cache (`review/img/`, filled by `run --review`
 * while pages were OCR'd, or by an earlier build), else rendered from the
 * source the record names (in `readers`' threads), turned and straightened as
 * it was for OCR so the word boxes lie on their words. Text inputs have no
 * pages to show. A source that moved or changed leaves its pages without
 * images, and says why.
 */
export async function pageImages(out: string, doc: ReviewDoc, readers: ReaderPool): Promise<DocImages> {
  const result: DocImages = { pages: new Map(), rendered: 0, missing: null };
  const { source } = doc.record;
  if (TEXT_TYPES.has(source.mediaType)) return result;
  const dir = imageDir(out);
  const wanted = new Map<number, { file: string; geometry: PageGeometry }>();
  for (const { n } of source.pages) {
    const geometry = geometryOf(doc, n);
    const file = pageImageName(source.sha256, n, geometry);
    const dims = jpegSize(join(dir, file));
    if (dims) result.pages.set(n, { file, ...dims });
    else wanted.set(n, { file, geometry });
  }
  if (wanted.size === 0) return result;
  const loaded = await findSource(doc);
  if (typeof loaded === 'string') {
    result.missing = loaded;
    return result;
  }
  mkdirSync(dir, { recursive: true });
  // Every page as an image, text layer or not, rendered directly at preview size; a scanner's JPEG decoded small.
  for await (const page of readers.read(loaded, { minTextLayerChars: Number.POSITIVE_INFINITY, maxPixels: PREVIEW_PIXELS })) {
    const want = wanted.get(page.n);
    if (!want || (page.kind !== 'image' && page.kind !== 'encoded')) continue;
    const image = page.kind === 'image' ? capPixels(page.image, PREVIEW_PIXELS) : await readers.decode(page, loaded, undefined, PREVIEW_PIXELS);
    const turned = rotateGrey(image, want.geometry.rotation);
    const straight = want.geometry.skew !== 0 ? rotateSmall(turned, want.geometry.skew) : turned;
    await writeTogether([{ path: join(dir, want.file), data: await toJpeg(straight) }], { sync: false });
    result.pages.set(page.n, { file: want.file, width: straight.width, height: straight.height });
    result.rendered++;
  }
  return result;
}

/** Width and height of a cached JPEG from its first bytes (the frame header comes first in ours), or null when it is missing or unreadable. */
function jpegSize(path: string): { width: number; height: number } | null {
  let fd: number | undefined;
  try {
    fd = openSync(path, 'r');
    const head = Buffer.alloc(16_384);
    const read = readSync(fd, head, 0, head.length, 0);
    return imageDimensions(head.subarray(0, read), 'image/jpeg');
  } catch {
    return null;
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

/** The record's source, at its path or one of its aliases, with the same bytes; else why not. */
async function findSource(doc: ReviewDoc): Promise<LoadedSource | string> {
  const { source } = doc.record;
  const aliases = Array.isArray(source.aliases) ? source.aliases.filter((a): a is string => typeof a === 'string') : [];
  const paths = [source.file, ...aliases];
  let changed = false;
  for (const path of paths) {
    if (!existsSync(path)) continue;
    try {
      const loaded = await readSource(path);
      if (loaded.sha256 === source.sha256) return loaded;
      changed = true;
    } catch {
      // unreadable: try the next path
    }
  }
  return changed
    ? `the source ${source.file} has changed since the record was made: run it again`
    : `the source ${source.file} is not found from ${process.cwd()}: run review from the folder the batch ran in`;
}
