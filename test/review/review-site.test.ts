/// <reference lib="dom" />
import { copyFileSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { createCanvas, loadImage } from '@napi-rs/canvas';
import type { Page } from 'playwright-core';
import Tesseract from 'tesseract.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { italianLangPath } from '../../pipeline/ocr/index.js';
import { wordsFromTsv } from '../../pipeline/ocr/pool.js';
import { type VerbaleRecord, WordsHeader, WordsPage } from '../../schemas/index.js';
import { ROOT, runCli, SEED, sample, tempDir } from '../helpers.js';
import { launchBrowser, watchedPage } from './browser.js';

const SCAN = 'consiglio-castione-2023-03-28.scan';
const TYPEWRITTEN = 'giunta-clusone-1987-04-22';
const SEED_NAME = 'valle-seriana-2024-11-13.ocr';
const BORN_DIGITAL = 'consiglio-castione-2023-03-28';
/** Screenshots the browser tests keep (gitignored). */
const ARTIFACTS = join(ROOT, 'test/artifacts');

const readRecord = (out: string, name: string) => JSON.parse(readFileSync(join(out, `${name}.json`), 'utf8')) as VerbaleRecord;
function readWords(out: string, name: string): { header: WordsHeader; pages: WordsPage[] } {
  const [head, ...lines] = readFileSync(join(out, `${name}.words.jsonl`), 'utf8').trim().split('\n');
  return { header: WordsHeader.parse(JSON.parse(head ?? '')), pages: lines.map((l) => WordsPage.parse(JSON.parse(l))) };
}
const siteFiles = (dir: string): string[] =>
  readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? siteFiles(join(dir, e.name)) : [join(dir, e.name)]));

/** Mean absolute difference of two images' grey levels (0-255), drawn at the first one's size. */
async function imageDifference(a: string, b: string): Promise<{ difference: number; sizes: number[][] }> {
  const [ia, ib] = await Promise.all([loadImage(readFileSync(a)), loadImage(readFileSync(b))]);
  const grey = (img: typeof ia) => {
    const ctx = createCanvas(ia.width, ia.height).getContext('2d');
    ctx.drawImage(img, 0, 0, ia.width, ia.height);
    return ctx.getImageData(0, 0, ia.width, ia.height).data;
  };
  const [pa, pb] = [grey(ia), grey(ib)];
  let sum = 0;
  for (let i = 0; i < pa.length; i += 4) sum += Math.abs((pa[i] as number) - (pb[i] as number));
  return { difference: sum / (pa.length / 4), sizes: [[ia.width, ia.height], [ib.width, ib.height]] };
}

describe('the review site (verbali review, run --review)', () => {
  const out = tempDir('verbali-review-');
  let built: Awaited<ReturnType<typeof runCli>>;
  beforeAll(async () => {
    // A scan (PDF), a typewritten photo (JPEG), the real seed (OCR text) and a born-digital PDF: every kind of page.
    const inputs = [sample(`${SCAN}.pdf`), sample(`${TYPEWRITTEN}.jpg`), SEED, sample(`${BORN_DIGITAL}.pdf`)];
    built = await runCli(['run', ...inputs, '--out', out, '--review']);
    // A record with warnings, placed and not: the seed's, with two added as the segment stage writes them.
    const seed = readRecord(out, SEED_NAME);
    const item = seed.agenda[1];
    const warned = {
      ...seed,
      warnings: [
        { code: 'vote-total-mismatch', message: 'the votes add up to 14, the members present are 13', span: item?.decisions[0]?.span ?? item?.span ?? null },
        { code: 'test-general', message: 'a warning about the whole document', span: null },
      ],
    };
    writeFileSync(join(out, 'warned.json'), JSON.stringify(warned));
  });
  afterAll(() => rmSync(out, { recursive: true, force: true }));

  it('run --out --review writes the records, the word boxes beside the OCR\'d ones, and the site', () => {
    expect(built.code, built.stderr).toBe(0);
    expect(built.stderr).toMatch(/review site of 4 records/);
    const names = readdirSync(out);
    expect(names).toEqual(expect.arrayContaining([`${SCAN}.words.jsonl`, `${TYPEWRITTEN}.words.jsonl`]));
    // Text inputs and text-layer PDFs have no OCR boxes.
    expect(names).not.toContain(`${SEED_NAME}.words.jsonl`);
    expect(names).not.toContain(`${BORN_DIGITAL}.words.jsonl`);
    const site = join(out, 'review');
    expect(readdirSync(join(site, 'records')).sort()).toEqual([`${BORN_DIGITAL}.html`, `${SCAN}.html`, `${TYPEWRITTEN}.html`, `${SEED_NAME}.html`].sort());
  });

  it('word boxes are kept per page and mapped through cleaning: where cleaning left a word alone, text.clean holds what OCR read', () => {
    const record = readRecord(out, SCAN);
    const { header, pages } = readWords(out, SCAN);
    expect(header.id).toBe(record.id);
    expect(pages.map((p) => p.n)).toEqual([1, 2, 3]);
    let same = 0;
    let kept = 0;
    let removed = 0;
    for (const page of pages) {
      expect(page.width).toBeGreaterThan(1000);
      for (const [, , , , , rs, re, cs, ce] of page.words) {
        if (cs < 0) {
          removed++;
          continue;
        }
        kept++;
        if (record.text.clean.slice(cs, ce) === record.text.raw.slice(rs, re)) same++;
      }
    }
    expect(kept).toBeGreaterThan(500);
    expect(same / kept).toBeGreaterThan(0.97);
    // The running headers and page footers cleaning removed keep their boxes, with no clean place.
    expect(removed).toBeGreaterThan(10);
  });

  it('every page of the site is under 2 MB and names only files of the site: it works with no network', () => {
    const site = join(out, 'review');
    for (const file of siteFiles(site)) {
      expect(statSync(file).size, file).toBeLessThan(2 * 1024 * 1024);
      if (!/\.(html|css|js)$/.test(file)) continue;
      const text = readFileSync(file, 'utf8');
      for (const [, url] of text.matchAll(/(?:src|href)="([^"]*)"/g)) expect(url, file).not.toMatch(/^(?:[a-z]+:|\/\/)/i);
      expect(text, file).not.toMatch(/url\(\s*['"]?(?:https?:)?\/\//i);
    }
  });

  it('a rebuild reuses every page image; without them it draws them again from the sources, in the geometry OCR read', async () => {
    const again = await runCli(['review', out]);
    expect(again.code, again.stderr).toBe(0);
    expect(again.stderr).toMatch(/0 page images drawn, 7 reused/);

    const images = join(out, 'review/img');
    const kept = tempDir('verbali-review-img-');
    for (const f of readdirSync(images)) copyFileSync(join(images, f), join(kept, f));
    rmSync(images, { recursive: true });
    const cold = await runCli(['review', out]);
    expect(cold.code, cold.stderr).toBe(0);
    expect(cold.stderr).toMatch(/7 page images drawn, 0 reused/);
    // Same names (source, page, geometry): the OCR'd pages drawn from the source match the previews made during OCR.
    expect(readdirSync(images).sort()).toEqual(readdirSync(kept).sort());
    for (const f of readdirSync(images)) {
      const { difference, sizes } = await imageDifference(join(kept, f), join(images, f));
      const [[w1, h1], [w2, h2]] = sizes as [number[], number[]];
      expect(Math.abs((w1 as number) - (w2 as number)), f).toBeLessThanOrEqual(2);
      expect(Math.abs((h1 as number) - (h2 as number)), f).toBeLessThanOrEqual(2);
      expect(difference, f).toBeLessThan(6);
    }
    rmSync(kept, { recursive: true });
  });

  it('a source that moved leaves its pages without images, saying why, and the rest of the site is built', async () => {
    const moved = tempDir('verbali-review-moved-');
    const copy = join(moved, 'scan.jpg');
    copyFileSync(sample(`${TYPEWRITTEN}.jpg`), copy);
    const other = tempDir('verbali-review-out-');
    const run = await runCli(['run', copy, '--out', other]);
    expect(run.code, run.stderr).toBe(0);
    rmSync(moved, { recursive: true });
    const r = await runCli(['review', other]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toMatch(/scan\.json: the source .*scan\.jpg is not found/);
    expect(readFileSync(join(other, 'review/records/scan.html'), 'utf8')).toMatch(/Immagine della pagina non disponibile/);
    rmSync(other, { recursive: true });
  });

  it('review of a folder that does not exist exits 2 naming it; --review without --out is bad usage', async () => {
    const r = await runCli(['review', join(out, 'nope')]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/nope: no such output folder/);
    const u = await runCli(['run', SEED, '--review']);
    expect(u.code).toBe(1);
    expect(u.stderr).toMatch(/--review needs --out/);
  });

  describe('in a real browser (Debian chromium, playwright-core), from file://', () => {
    let browser: Awaited<ReturnType<typeof launchBrowser>>;
    const url = (path: string) => pathToFileURL(join(out, 'review', path)).href;
    beforeAll(async () => {
      browser = await launchBrowser();
      mkdirSync(ARTIFACTS, { recursive: true });
    });
    afterAll(() => browser?.close());

    const open = async (path: string): Promise<{ page: Page; errors: string[] }> => {
      const watched = await watchedPage(browser.context);
      await watched.page.goto(url(path), { waitUntil: 'load' });
      return watched;
    };

    it('the index loads with no console error, sorts by a column and filters by text', async () => {
      const { page, errors } = await open('index.html');
      const rows = page.locator('table.records tbody tr');
      expect(await rows.count()).toBe(5);
      await page.getByRole('button', { name: 'Pagine' }).click();
      const pages = async () => (await page.locator('tbody tr td:nth-child(5)').allTextContents()).map(Number);
      expect(await pages()).toEqual([...(await pages())].sort((a, b) => a - b));
      await page.getByRole('button', { name: 'Pagine' }).click();
      expect(await pages()).toEqual([...(await pages())].sort((a, b) => b - a));
      await page.keyboard.press('/');
      await page.keyboard.type('clusone');
      expect(await page.locator('tbody tr:not([hidden])').count()).toBe(1);
      await page.keyboard.press('Enter');
      await page.keyboard.press('Enter');
      await page.waitForURL(/giunta-clusone-1987-04-22\.html$/);
      expect(errors).toEqual([]);
      await page.close();
    });

    it('a record page loads with no console error and shows each page image beside its text, which is text.clean exactly', async () => {
      const { page, errors } = await open(`records/${SCAN}.html`);
      await page.locator('#p1 img').evaluate((img: HTMLImageElement) => img.decode());
      expect(await page.locator('figure.scan img').count()).toBe(3);
      const texts = await page.locator('.tx').allTextContents();
      expect(texts.join('\f')).toBe(readRecord(out, SCAN).text.clean);
      expect(await page.locator('a', { hasText: 'Modifica il Markdown' }).getAttribute('href')).toBe(`../../${SCAN}.md`);
      await page.screenshot({ path: join(ARTIFACTS, 'review-record.png') });
      expect(errors).toEqual([]);
      await page.close();
    });

    it('a correction shows its raw word, its rule and its confidence; j/k walk the corrections', async () => {
      const { page, errors } = await open(`records/${SEED_NAME}.html`);
      const record = readRecord(out, SEED_NAME);
      const first = record.corrections.findIndex((c) => c.to !== '');
      const c = record.corrections[first] as VerbaleRecord['corrections'][number];
      await page.locator(`#c${first}`).click();
      const detail = page.locator('#detail');
      await expect.poll(() => detail.textContent()).toContain(`OCR ${c.from} → ${c.to}`);
      expect(await detail.textContent()).toMatch(/regola \S+/);
      expect(await detail.textContent()).toMatch(/confidenza \d/);
      // The raw reading also shows in the text itself, on demand.
      await page.getByRole('button', { name: 'Mostra lettura OCR' }).click();
      const before = await page.locator(`#c${first}`).evaluate((el) => getComputedStyle(el, '::before').content);
      expect(before).toBe(JSON.stringify(c.from));
      // j moves to the next stop and brings it into view.
      await page.locator('main').focus();
      await page.keyboard.press('j');
      const current = page.locator('.cur');
      expect(await current.count()).toBe(1);
      expect(await current.isVisible()).toBe(true);
      await page.keyboard.press('k');
      expect(await detail.textContent()).toMatch(/Correzione/);
      expect(errors).toEqual([]);
      await page.close();
    });

    it('every warning is shown at its place, and the keyboard reaches it', async () => {
      const { page, errors } = await open('records/warned.html');
      const placed = page.locator('.tx mark.wb#w0');
      expect(await placed.count()).toBe(1);
      expect(await page.locator('section.general mark.wb#w1').count()).toBe(1);
      await page.locator('nav.outline a[href="#w0"]').click();
      await expect.poll(() => page.locator('#detail').textContent()).toContain('vote-total-mismatch');
      expect(await placed.isVisible()).toBe(true);
      expect(errors).toEqual([]);
      await page.close();
    });

    it('clicking an agenda item in the outline scrolls its text into view', async () => {
      const { page, errors } = await open(`records/${SEED_NAME}.html`);
      const record = readRecord(out, SEED_NAME);
      const last = record.agenda.length - 1;
      const anchor = page.locator(`#s-item-${last}`);
      const top = () => anchor.evaluate((el) => el.getBoundingClientRect().top);
      expect(await top()).toBeGreaterThan(768);
      await page.locator(`nav.outline a[href="#s-item-${last}"]`).click();
      await expect.poll(top).toBeLessThan(768);
      expect(await top()).toBeGreaterThanOrEqual(0);
      expect(page.url()).toMatch(new RegExp(`#s-item-${last}$`));
      expect(errors).toEqual([]);
      await page.close();
    });

    it('/ searches the text; Enter goes from match to match', async () => {
      const { page, errors } = await open(`records/${SEED_NAME}.html`);
      await page.locator('main').focus();
      await page.keyboard.press('/');
      await page.keyboard.type('Comune di');
      await page.keyboard.press('Enter');
      await expect.poll(() => page.locator('#qn').textContent()).toMatch(/^1 di \d+$/);
      await page.keyboard.press('Enter');
      expect(await page.locator('#qn').textContent()).toMatch(/^2 di \d+$/);
      expect(errors).toEqual([]);
      await page.close();
    });

    it('on a scan, a word of the text shows its box on that word of the image (checked against a fresh OCR of the image shown), and the box selects the word', async () => {
      const { page, errors } = await open(`records/${SCAN}.html`);
      const record = readRecord(out, SCAN);
      const { pages } = readWords(out, SCAN);
      const first = pages[0] as WordsPage;
      const imagePath = join(out, 'review', new URL((await page.locator('#p1 img').getAttribute('src')) ?? '', url('records/x.html')).pathname.split('/review/')[1] ?? '');
      // The truth: tesseract.js again, on the very image the page shows.
      const worker = await Tesseract.createWorker(
        'ita',
        1,
        { langPath: italianLangPath(), cacheMethod: 'none', gzip: true, errorHandler: () => undefined },
        { user_words_suffix: '', user_patterns_suffix: '' } as unknown as Partial<Tesseract.InitOptions>,
      );
      const truth = wordsFromTsv((await worker.recognize(readFileSync(imagePath), {}, { tsv: true })).data.tsv ?? '');
      await worker.terminate();
      const counts = new Map<string, number>();
      for (const w of truth) counts.set(w.text, (counts.get(w.text) ?? 0) + 1);
      // Long words read the same by both, once each on the page.
      const chosen = first.words
        .filter((w) => w[7] >= 0 && w[8] - w[7] >= 8 && w[4] > 90)
        .map((w) => ({ w, text: record.text.clean.slice(w[7], w[8]) }))
        .filter(({ text, w }) => text === record.text.raw.slice(w[5], w[6]) && counts.get(text) === 1)
        .slice(0, 5);
      expect(chosen.length).toBeGreaterThanOrEqual(3);
      await page.locator('#p1 img').evaluate((img: HTMLImageElement) => img.decode());
      let worst = 0;
      for (const { w, text } of chosen) {
        // Click the middle of the word in the text.
        const spot = await page.evaluate(
          ([s, e]) => {
            const tx = document.querySelector('.tx[data-n="1"]') as HTMLElement;
            const walker = document.createTreeWalker(tx, NodeFilter.SHOW_TEXT);
            let seen = Number(tx.dataset.s);
            for (let n = walker.nextNode() as Text | null; n; n = walker.nextNode() as Text | null) {
              if (seen + n.data.length > s) {
                const range = document.createRange();
                range.setStart(n, s - seen);
                range.setEnd(n, Math.min(n.data.length, e - seen));
                window.scrollBy(0, range.getBoundingClientRect().top - window.innerHeight / 2);
                const r = range.getBoundingClientRect();
                return { x: r.left + r.width / 2, y: r.top + r.height / 2 };
              }
              seen += n.data.length;
            }
            return null;
          },
          [w[7], w[8]] as const,
        );
        expect(spot, text).not.toBeNull();
        await page.mouse.click(spot?.x ?? 0, spot?.y ?? 0);
        const box = page.locator('#p1 .bx.sel');
        await expect.poll(() => box.count()).toBe(1);
        // The box in the image's own pixels.
        const shown = await page.evaluate(() => {
          const img = document.querySelector('#p1 img') as HTMLImageElement;
          const b = (document.querySelector('#p1 .bx.sel') as HTMLElement).getBoundingClientRect();
          const i = img.getBoundingClientRect();
          const k = img.naturalWidth / i.width;
          return { x0: (b.left - i.left) * k, y0: (b.top - i.top) * k, x1: (b.right - i.left) * k, y1: (b.bottom - i.top) * k, k };
        });
        const t = truth.find((x) => x.text === text)?.bbox;
        expect(t, text).toBeDefined();
        const off = Math.max(Math.abs(shown.x0 - (t?.x0 ?? 0)), Math.abs(shown.y0 - (t?.y0 ?? 0)), Math.abs(shown.x1 - (t?.x1 ?? 0)), Math.abs(shown.y1 - (t?.y1 ?? 0)));
        // Within a few pixels of the image (about 0.5 mm at its 144 dpi).
        expect(off, `${text}: box ${JSON.stringify(shown)} vs ${JSON.stringify(t)}`).toBeLessThanOrEqual(4);
        worst = Math.max(worst, off);

        // And back: clicking that place on the image selects the word in the text.
        await page.mouse.click(0, 0);
        const centre = await page.evaluate((b) => {
          const img = document.querySelector('#p1 img') as HTMLImageElement;
          const i = img.getBoundingClientRect();
          const k = i.width / img.naturalWidth;
          return { x: i.left + ((b.x0 + b.x1) / 2) * k, y: i.top + ((b.y0 + b.y1) / 2) * k };
        }, t as { x0: number; y0: number; x1: number; y1: number });
        await page.mouse.click(centre.x, centre.y);
        await expect.poll(() => page.evaluate(() => document.getSelection()?.toString())).toBe(text);
      }
      console.info(`review: ${chosen.length} word boxes lie within ${worst.toFixed(1)} image pixels of a fresh OCR of the image shown`);
      expect(errors).toEqual([]);
      await page.close();
    });

    it('is usable with the keyboard alone: a skip link first, then the controls and the outline, all with a visible focus', async () => {
      const { page, errors } = await open(`records/${SCAN}.html`);
      await page.keyboard.press('Tab');
      expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Vai al contenuto');
      const seen: string[] = [];
      for (let i = 0; i < 12; i++) {
        await page.keyboard.press('Tab');
        const focus = await page.evaluate(() => {
          const el = document.activeElement as HTMLElement;
          const style = getComputedStyle(el);
          return { tag: el.tagName, text: (el.textContent ?? '').trim().slice(0, 30), outline: style.outlineStyle !== 'none' && Number.parseFloat(style.outlineWidth) >= 2 };
        });
        expect(focus.outline, JSON.stringify(focus)).toBe(true);
        seen.push(focus.tag);
      }
      expect(seen).toEqual(expect.arrayContaining(['INPUT', 'BUTTON', 'A']));
      expect(errors).toEqual([]);
      await page.close();
    });

    it('meets WCAG AA contrast for its text, its marks and its controls', async () => {
      const { page } = await open(`records/${SEED_NAME}.html`);
      const worst = await page.evaluate(() => {
        const rgb = (c: string) => (c.match(/[\d.]+/g) ?? []).map(Number);
        const lum = ([r, g, b]: number[]) => {
          const ch = (v: number) => (v / 255 <= 0.03928 ? v / 255 / 12.92 : ((v / 255 + 0.055) / 1.055) ** 2.4);
          return 0.2126 * ch(r ?? 0) + 0.7152 * ch(g ?? 0) + 0.0722 * ch(b ?? 0);
        };
        const background = (el: Element | null): number[] => {
          for (let e = el; e; e = e.parentElement) {
            const c = rgb(getComputedStyle(e).backgroundColor);
            if (c.length === 3 || (c[3] ?? 0) > 0.9) return c.slice(0, 3);
          }
          return [255, 255, 255];
        };
        const results: { selector: string; ratio: number }[] = [];
        for (const selector of ['body', 'h1', '.facts', 'nav.outline a', '.count', 'mark.c', '.tx', '#detail', '.tools label', 'button', '.page h2 small', 'a']) {
          for (const el of [...document.querySelectorAll(selector)].slice(0, 20)) {
            const [a, b] = [lum(rgb(getComputedStyle(el).color)), lum(background(el))];
            results.push({ selector, ratio: (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05) });
          }
        }
        return results.sort((x, y) => x.ratio - y.ratio)[0];
      });
      expect(worst?.ratio, JSON.stringify(worst)).toBeGreaterThanOrEqual(4.5);
      await page.close();
    });
  });
});
