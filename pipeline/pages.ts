/** 1-based page of an offset in a text whose pages are separated by `\f`. */
export function pageAt(text: string, offset: number): number {
  return pageLookup(text)(offset);
}

/** A fast `pageAt` for many offsets into one text: page starts found once, then a binary search. */
export function pageLookup(text: string): (offset: number) => number {
  const breaks: number[] = [];
  for (let i = text.indexOf('\f'); i !== -1; i = text.indexOf('\f', i + 1)) breaks.push(i);
  return (offset) => {
    let lo = 0;
    let hi = breaks.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((breaks[mid] as number) < offset) lo = mid + 1;
      else hi = mid;
    }
    return lo + 1;
  };
}
