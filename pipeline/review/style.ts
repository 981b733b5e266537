/**
 * The site's style sheet. Colours meet WCAG AA (4.5:1 for text, 3:1 for
 * marks and focus rings) on white; sizes in rem so browser zoom works; the
 * layout fits a 1366 × 768 laptop (outline, page image and text side by side).
 */
export const STYLE = `
:root { --ink: #1b1b1b; --muted: #4a4a4a; --line: #c9c9c9; --paper: #fff; --tint: #f4f5f7;
  --link: #0b57d0; --focus: #0b57d0; --corr: #fff1a8; --corr-line: #8a6d00; --low: #fde2e0; --low-line: #b3261e;
  --warn: #ffe1c2; --warn-ink: #7a3d00; --sel: #a8d1ff; --img: 50%; }
* { box-sizing: border-box; }
html { font-size: 100%; }
body { margin: 0; color: var(--ink); background: var(--paper); font: 1rem/1.5 system-ui, "Noto Sans", "DejaVu Sans", sans-serif; }
a { color: var(--link); }
:focus-visible { outline: 3px solid var(--focus); outline-offset: 2px; }
kbd { border: 1px solid var(--line); border-bottom-width: 2px; border-radius: 3px; padding: 0 .3em; font: .85em/1.4 ui-monospace, "DejaVu Sans Mono", monospace; background: var(--tint); }
.skip { position: absolute; left: -999px; top: 0; background: var(--paper); padding: .5rem; z-index: 10; }
.skip:focus { left: .5rem; }
.sr { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); }
header.top { padding: .5rem 1rem; border-bottom: 1px solid var(--line); background: var(--tint); }
header.top h1 { font-size: 1.3rem; margin: .2rem 0; }
.back { margin: 0; }
.facts { margin: .2rem 0; color: var(--muted); font-size: .9rem; }
.tools { display: flex; flex-wrap: wrap; gap: .5rem 1rem; align-items: center; margin-top: .3rem; font-size: .95rem; }
.tools input { font: inherit; padding: .25rem .5rem; border: 1px solid #767676; border-radius: 4px; min-width: 16rem; }
.tools button, .zoom button { font: inherit; padding: .2rem .7rem; border: 1px solid #767676; border-radius: 4px; background: var(--paper); color: var(--ink); cursor: pointer; }
.tools button[aria-pressed="true"] { background: var(--ink); color: var(--paper); }
.qn { color: var(--muted); min-width: 6rem; }
.general { margin: 1rem; padding: .5rem 1rem; border-left: 4px solid var(--warn-ink); background: #fff7ee; }
.general h2 { font-size: 1.05rem; margin: .2rem 0; }
/* index */
table.records { border-collapse: collapse; margin: 1rem; width: calc(100% - 2rem); font-size: .95rem; }
.records th { text-align: left; border-bottom: 2px solid var(--ink); padding: 0; }
.records th button { font: inherit; font-weight: 600; width: 100%; text-align: left; padding: .4rem .5rem; border: 0; background: none; color: var(--ink); cursor: pointer; }
.records th[aria-sort="ascending"] button::after { content: " ▲"; }
.records th[aria-sort="descending"] button::after { content: " ▼"; }
.records td { padding: .35rem .5rem; border-bottom: 1px solid var(--line); vertical-align: top; }
.records td.num { text-align: right; font-variant-numeric: tabular-nums; }
.records td.warn { color: var(--low-line); font-weight: 600; }
.records tr.cur td { background: #e8f0fe; }
.records tr[hidden] { display: none; }
/* record */
.layout { display: grid; grid-template-columns: minmax(13rem, 16rem) 1fr; min-height: calc(100vh - 9rem); }
nav.outline { border-right: 1px solid var(--line); padding: .5rem .75rem 4rem; font-size: .9rem; position: sticky; top: 0; align-self: start; max-height: 100vh; overflow: auto; }
nav.outline h2 { font-size: 1.05rem; margin: .3rem 0; }
nav.outline summary { font-weight: 600; cursor: pointer; padding: .2rem 0; }
nav.outline ul { list-style: none; margin: 0 0 .5rem; padding-left: .6rem; }
nav.outline li { margin: .15rem 0; }
nav.outline li.vote > a, nav.outline li.vote > .nolink { color: #1e5e2a; }
.count { color: var(--muted); font-weight: 400; }
.nolink { color: var(--muted); }
main { padding: 0 1rem 6rem; min-width: 0; }
main:focus { outline: none; }
.page { border-bottom: 1px solid var(--line); padding: .5rem 0 1rem; }
.page h2 { font-size: 1rem; margin: .5rem 0; position: sticky; top: 0; background: var(--paper); z-index: 3; padding: .2rem 0; }
.page h2 small { color: var(--muted); font-weight: 400; }
.row { display: grid; grid-template-columns: 1fr; gap: 1rem; align-items: start; }
.page.has-img .row { grid-template-columns: var(--img) 1fr; }
figure.scan { position: sticky; top: 2.2rem; margin: 0; border: 1px solid var(--line); background: var(--tint); }
figure.scan img { display: block; width: 100%; height: auto; }
.ov { position: absolute; inset: 0; cursor: crosshair; }
.bx { position: absolute; pointer-events: none; border: 1px solid transparent; }
.bx.lcb { border-color: var(--low-line); background: rgba(179, 38, 30, .12); }
.bx.cb { border-color: var(--corr-line); background: rgba(255, 214, 0, .28); }
.bx.sel { border: 2px solid var(--focus); background: rgba(11, 87, 208, .18); box-shadow: 0 0 0 2px #fff; }
.noimg { color: var(--muted); font-style: italic; }
.tx { white-space: pre-wrap; overflow-wrap: anywhere; font: .92rem/1.55 "Noto Serif", "DejaVu Serif", Georgia, serif; max-width: 48rem; }
mark.c { background: var(--corr); color: var(--ink); border-bottom: 2px solid var(--corr-line); border-radius: 2px; }
mark.c.del::before { content: "✂"; font-size: .8em; padding: 0 .15em; }
body.raw mark.c[data-raw]::before { content: attr(data-raw); text-decoration: line-through; color: var(--low-line); margin-right: .2em; font-size: .9em; }
body.raw mark.c.del[data-raw]::before { content: "✂ " attr(data-raw); }
.lc { text-decoration: underline wavy var(--low-line); text-decoration-thickness: 1px; text-underline-offset: 3px; background: var(--low); }
mark.wb { background: none; color: var(--warn-ink); }
mark.wb::before { content: "⚠ avviso"; font: 600 .8rem/1 system-ui, sans-serif; background: var(--warn); border: 1px solid var(--warn-ink); border-radius: 3px; padding: 0 .3em; margin: 0 .2em; white-space: nowrap; }
.cur { outline: 3px solid var(--focus); outline-offset: 1px; }
::highlight(vr-span) { background-color: #dbe8ff; }
::highlight(vr-warn) { background-color: #ffeedd; }
::highlight(vr-find) { background-color: #ffd166; color: #000; }
::highlight(vr-word) { background-color: var(--sel); color: #000; }
.detail { position: fixed; left: 0; right: 0; bottom: 0; background: var(--ink); color: #fff; padding: .45rem 1rem; font-size: .95rem; z-index: 5; min-height: 2.4rem; }
.detail kbd { color: var(--ink); }
.detail b { color: #ffe98a; }
.detail q { color: #fff; font-family: "DejaVu Sans Mono", monospace; }
@media (max-width: 900px) { .layout { grid-template-columns: 1fr; } nav.outline { position: static; max-height: none; border-right: 0; } .page.has-img .row { grid-template-columns: 1fr; } }
`;
