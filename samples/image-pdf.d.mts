/** An image XObject as stored: its filter's bytes and dictionary entries. */
export interface StoredImage {
  width: number;
  height: number;
  colorSpace: string;
  bpc: number;
  filter: string;
  decodeParms?: string;
  bytes: Uint8Array;
}
/** One page: size in points, /Rotate, the matrix that draws the image (unit square to user space). */
export interface ImagePage {
  width: number;
  height: number;
  rotate?: number;
  matrix: number[];
  image: StoredImage;
}
/** The bytes of a PDF of image-only pages. */
export function imagePdf(pages: ImagePage[]): Buffer;
/** Write {@link imagePdf}'s bytes to `file`. */
export function writeImagePdf(file: string, pages: ImagePage[]): void;
