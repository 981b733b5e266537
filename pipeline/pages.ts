/** 1-based page of an offset in a text whose pages are separated by `\f`. */
export function pageAt(text: string, offset: number): number {
  let page = 1;
  for (let i = text.indexOf('\f'); i !== -1 && i < offset; i = text.indexOf('\f', i + 1)) page++;
  return page;
}
