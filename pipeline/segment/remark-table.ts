import { gfmTableFromMarkdown } from 'mdast-util-gfm-table';
import { gfmTable } from 'micromark-extension-gfm-table';
import type { Processor } from 'unified';

/**
 * GFM tables and nothing else of GFM. The attendance table is the only GFM
 * syntax the segmenter writes; remark-gfm's autolink-literal pass alone scans
 * every text node again and made a third of the allocations of a long
 * verbale (measured with the sampling heap profiler), and its other
 * extensions (footnotes, strikethrough, task lists) would only read OCR
 * noise as syntax.
 */
export function remarkTable(this: Processor): undefined {
  const data = this.data();
  data.micromarkExtensions = [...(data.micromarkExtensions ?? []), gfmTable()];
  data.fromMarkdownExtensions = [...(data.fromMarkdownExtensions ?? []), gfmTableFromMarkdown()];
}
