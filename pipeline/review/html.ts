/** HTML text with `& < > " '` escaped: safe in element content and in quoted attributes. */
export function esc(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** JSON for a `<script type="application/json">` block: `<` escaped so no `</script>` can close it early. */
export function scriptJson(value: unknown): string {
  return JSON.stringify(value).replace(/</g, '\\u003c');
}

/** A number the Italian way: `95,5`. */
export function num(n: number, digits = 1): string {
  return n.toLocaleString('it-IT', { maximumFractionDigits: digits });
}

/** An `href` to a path relative to the page (each segment URL-encoded). */
export function href(relativePath: string): string {
  return relativePath.split('/').map(encodeURIComponent).join('/').replace(/%2E%2E/g, '..');
}
