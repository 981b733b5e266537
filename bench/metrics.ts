import { distance } from 'fastest-levenshtein';

/**
 * Text as compared for error rates: one space between words, page breaks as
 * spaces, one apostrophe, and no table rules (`|` is layout, not text).
 */
export function normalise(text: string): string {
  return text.replace(/\|/g, ' ').replace(/[\f\s]+/g, ' ').replace(/[’‘`´]/g, "'").trim();
}

/** Character error rate: edit distance over the reference's length. */
export function cer(hypothesis: string, reference: string): number {
  const ref = normalise(reference);
  return ref.length ? distance(normalise(hypothesis), ref) / ref.length : 0;
}

/** Word error rate: edit distance over words (each word mapped to one character). */
export function wer(hypothesis: string, reference: string): number {
  const codes = new Map<string, string>();
  const encode = (t: string) =>
    normalise(t)
      .split(' ')
      .filter(Boolean)
      .map((w) => {
        if (!codes.has(w)) codes.set(w, String.fromCodePoint(0x4e00 + codes.size));
        return codes.get(w);
      })
      .join('');
  const ref = encode(reference);
  return ref.length ? distance(encode(hypothesis), ref) / ref.length : 0;
}
