/** The 1-based page of offsets into a text whose pages are separated by `\f`: page breaks found once, then a binary search. */
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
