export { type Discovered, discoverInputs } from './discover.js';
export { imageDimensions, MAX_IMAGE_PIXELS } from './image.js';
export { detectMediaType, isSupportedPath, sniffMediaType } from './media-type.js';
export type { EncodedPage, GreyImage, PageInput, PageText } from './page.js';
export { PDF_DEFAULTS, type PdfReadOptions } from './pdf.js';
export { capPixels, rotateGrey, toPgm, toPng } from './raster.js';
export { readPages } from './read-pages.js';
export { type LoadedSource, MAX_INPUT_BYTES, readSource, sha256Hex, sourceFromBytes } from './source.js';
export { decodeText } from './text.js';
