/** A roman numeral, in either case, whole (`XIX`, `iii`, `MCMLII`); never the empty string. */
export function isRomanNumeral(token: string): boolean {
  return ROMAN.test(token);
}

const ROMAN = /^(?=[ivxlcdm]+$)m{0,3}(?:cm|cd|d?c{0,3})(?:xc|xl|l?x{0,3})(?:ix|iv|v?i{0,3})$/i;
