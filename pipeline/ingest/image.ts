import type * as Canvas from '@napi-rs/canvas';
import type UTIFModule from 'utif2';
import { VerbaliError } from '../errors.js';
import type { PageInput } from './page.js';
import { rgbaToGrey } from './raster.js';
import type { LoadedSource } from './source.js';

// Loaded on the first image: together 50 MB of resident memory and 0.15 s that a batch of texts never needs.
let canvas: Promise<typeof Canvas> | undefined;
let utif: Promise<typeof UTIFModule> | undefined;
export const loadCanvas = () => {
  canvas ??= import('@napi-rs/canvas');
  return canvas;
};
const loadUtif = () => {
  utif ??= import('utif2').then((m) => m.default);
  return utif;
};

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
export async function* readImagePages(source: LoadedSource): AsyncGenerator<PageInput> {
  if (source.mediaType === 'image/tiff') {
    yield* readTiffPages(source);
    return;
  }
  const dims = imageDimensions(source.bytes, source.mediaType);
  if (dims) checkSize(source.file, dims.width, dims.height);
  const { createCanvas, loadImage } = await loadCanvas();
  let image: Canvas.Image;
  try {
    image = await loadImage(source.bytes);
  } catch (error) {
    throw new VerbaliError('E_INPUT_IMAGE', `cannot decode the image (corrupt or truncated?): ${(error as Error).message}`, {
      file: source.file,
      cause: error,
    });
  }
  checkSize(source.file, image.width, image.height);
  const ctx = createCanvas(image.width, image.height).getContext('2d');
  ctx.fillStyle = '#fff';
  ctx.fillRect(0, 0, image.width, image.height);
  ctx.drawImage(image, 0, 0);
  const rgba = ctx.getImageData(0, 0, image.width, image.height).data;
  yield { n: 1, kind: 'image', image: rgbaToGrey(rgba, image.width, image.height) };
}

async function* readTiffPages(source: LoadedSource): AsyncGenerator<PageInput> {
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
  for (const [i, ifd] of ifds.entries()) {
    const width = Number((ifd.t256 as number[])[0]);
    const height = Number((ifd.t257 as number[])[0]);
    checkSize(source.file, width, height, i + 1);
    try {
      UTIF.decodeImage(buffer, ifd);
    } catch (error) {
      throw new VerbaliError('E_INPUT_IMAGE', `cannot decode TIFF page: ${(error as Error).message}`, { file: source.file, page: i + 1, cause: error });
    }
    yield { n: i + 1, kind: 'image', image: rgbaToGrey(UTIF.toRGBA8(ifd), width, height) };
  }
}
