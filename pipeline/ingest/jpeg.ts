import { loadCanvas } from './decode-image.js';
import type { GreyImage } from './page.js';

/**
 * A grey image as JPEG (libjpeg-turbo through @napi-rs/canvas), for page
 * previews. Quality 60: typewritten and printed text stays sharp at preview size, about
 * 100-200 KB for an A4 page at 2 MP.
 */
export async function toJpeg(img: GreyImage, quality = 60): Promise<Buffer> {
  const { createCanvas } = await loadCanvas();
  const canvas = createCanvas(img.width, img.height);
  const ctx = canvas.getContext('2d');
  const pixels = ctx.createImageData(img.width, img.height);
  const rgba = pixels.data;
  for (let i = 0, j = 0; i < img.data.length; i++, j += 4) {
    const v = img.data[i] as number;
    rgba[j] = v;
    rgba[j + 1] = v;
    rgba[j + 2] = v;
    rgba[j + 3] = 255;
  }
  ctx.putImageData(pixels, 0, 0);
  return canvas.encode('jpeg', quality);
}
