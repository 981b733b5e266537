import type UTIFModule from 'utif2';
import { VerbaliError } from '../errors.js';
import { decodeToGrey, loadUtif } from './decode-image.js';
import type { PageInput } from './page.js';
import { rgbaToGrey } from './raster.js';
import type { ReadContext } from './read-pages.js';
import type { LoadedSource } from './source.js';

/** Images larger than this are refused outright (a 20,000 × 20,000 scan is not a page). */
export const MAX_IMAGE_PIXELS = 200_000_000;

function checkSize(file: string, width: number, height: number, page?: number): void {
  if (!(width > 0 && height > 0)) throw new VerbaliError('E_INPUT_IMAGE', 'the image has no pixels', { file, page });
  if (width * height > MAX_IMAGE_PIXELS) {
    throw new VerbaliError(
      'E_INPUT_TOO_LARGE',
      `the image is ${width}×${height} pixels, over the ${MAX_IMAGE_PIXELS / 1e6} MP limit: scan at 300-400 dpi`,
      { file, page },
    );
  }
}

/** Width and height from a PNG's IHDR or a JPEG's SOF marker, read before decoding so a huge image costs nothing. */
export function imageDimensions(bytes: Uint8Array, mediaType: string): { width: number; height: number } | null {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (mediaType === 'image/png' && bytes.length >= 24) return { width: view.getUint32(16), height: view.getUint32(20) };
  if (mediaType === 'image/jpeg') {
    let i = 2;
    while (i + 9 < bytes.length) {
      if (bytes[i] !== 0xff) return null;
      const marker = bytes[i + 1] as number;
      const length = view.getUint16(i + 2);
      if (marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc) {
        return { width: view.getUint16(i + 7), height: view.getUint16(i + 5) };
      }
      i += 2 + length;
    }
  }
  return null;
}

/** The pages of an image input: one for PNG and JPEG, one per frame for a (multi-page) TIFF. */
export async function* readImagePages(source: LoadedSource, firstPage = 1, read: ReadContext = {}): AsyncGenerator<PageInput> {
  if (source.mediaType === 'image/tiff') {
    yield* readTiffPages(source, firstPage, read);
    return;
  }
  read.onPageCount?.(1);
  if (firstPage > 1) return;
  const dims = imageDimensions(source.bytes, source.mediaType);
  if (dims) checkSize(source.file, dims.width, dims.height);
  let image: Awaited<ReturnType<typeof decodeToGrey>>;
  try {
    image = await decodeToGrey(source.bytes);
  } catch (error) {
    throw new VerbaliError('E_INPUT_IMAGE', `cannot decode the image (corrupt or truncated?): ${(error as Error).message}`, {
      file: source.file,
      cause: error,
    });
  }
  checkSize(source.file, image.width, image.height);
  yield { n: 1, kind: 'image', image, dpi: imageDpi(source.bytes, source.mediaType) };
}

/**
 * The resolution an image file declares (a JPEG's JFIF density, a PNG's pHYs),
 * in pixels per inch; undefined when it declares none or an implausible one
 * (many cameras write 72).
 */
export function imageDpi(bytes: Uint8Array, mediaType: string): number | undefined {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let dpi: number | undefined;
  if (mediaType === 'image/jpeg' && bytes.length > 18 && String.fromCharCode(...bytes.subarray(6, 11)) === 'JFIF\0') {
    const [unit, x] = [bytes[13], view.getUint16(14)];
    dpi = unit === 1 ? x : unit === 2 ? x * 2.54 : undefined;
  } else if (mediaType === 'image/png') {
    for (let i = 8; i + 12 <= bytes.length; ) {
      const length = view.getUint32(i);
      const type = String.fromCharCode(...bytes.subarray(i + 4, i + 8));
      if (type === 'pHYs' && bytes[i + 16] === 1) dpi = view.getUint32(i + 8) * 0.0254;
      if (type === 'IDAT' || type === 'pHYs') break;
      i += 12 + length;
    }
  }
  return dpi && dpi >= 100 && dpi <= 1200 ? Math.round(dpi) : undefined;
}

async function* readTiffPages(source: LoadedSource, firstPage: number, ctx: ReadContext): AsyncGenerator<PageInput> {
  const UTIF = await loadUtif();
  const buffer = source.bytes.buffer.slice(source.bytes.byteOffset, source.bytes.byteOffset + source.bytes.byteLength) as ArrayBuffer;
  let ifds: UTIFModule.IFD[];
  try {
    ifds = UTIF.decode(buffer).filter((ifd) => ifd.t256 !== undefined);
  } catch (error) {
    throw new VerbaliError('E_INPUT_IMAGE', `cannot read the TIFF (corrupt or truncated?): ${(error as Error).message}`, {
      file: source.file,
      cause: error,
    });
  }
  if (ifds.length === 0) throw new VerbaliError('E_INPUT_EMPTY', 'the TIFF holds no image', { file: source.file });
  ctx.onPageCount?.(ifds.length);
  for (const [i, ifd] of ifds.entries()) {
    if (i + 1 < firstPage) continue;
    const width = Number((ifd.t256 as number[])[0]);
    const height = Number((ifd.t257 as number[])[0]);
    checkSize(source.file, width, height, i + 1);
    try {
      UTIF.decodeImage(buffer, ifd);
    } catch (error) {
      throw new VerbaliError('E_INPUT_IMAGE', `cannot decode TIFF page: ${(error as Error).message}`, { file: source.file, page: i + 1, cause: error });
    }
    const res = Number((ifd.t282 as number[] | undefined)?.[0]);
    const perCm = (ifd.t296 as number[] | undefined)?.[0] === 3;
    const dpi = res > 0 ? Math.round(perCm ? res * 2.54 : res) : undefined;
    yield { n: i + 1, kind: 'image', image: rgbaToGrey(UTIF.toRGBA8(ifd), width, height), dpi: dpi && dpi >= 100 && dpi <= 1200 ? dpi : undefined };
  }
}
