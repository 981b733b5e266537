/** A word as OCR read it: its text, confidence 0-100 and box in the page image's pixels. */
export interface OcrWord {
  text: string;
  confidence: number;
  bbox: { x0: number; y0: number; x1: number; y1: number };
}

/**
 * What the clean stage knows of where a page's text came from. A text layer is
 * printed text: only page furniture and hyphenation are touched. OCR output
 * (and a plain `.txt`, taken for OCR output) gets every rule; the words, when
 * given, let the noise rule weigh tesseract's own confidence.
 */
export interface PageEvidence {
  method: 'ocr' | 'text-layer' | 'text';
  words?: readonly OcrWord[];
}
