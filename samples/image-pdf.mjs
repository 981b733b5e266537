// An image-only PDF writer for samples and tests: pages as scanners and their software write them.
import { writeFileSync } from 'node:fs';

/**
 * A PDF of image-only pages, written object by object, so each page can carry
 * what scanners and their software write: any image filter (DCTDecode,
 * CCITTFaxDecode), a /Rotate, and an image drawn through any matrix.
 * pages: [{ width, height (points), rotate, matrix [a b c d e f], image: { width, height, colorSpace, bpc, filter, decodeParms, bytes } }]
 */
export function imagePdf(pages) {
  const objects = [];
  const add = (body) => objects.push(body) && objects.length;
  const catalog = add(null);
  const tree = add(null);
  const kids = pages.map((p) => {
    const img = p.image;
    const parms = img.decodeParms ? ` /DecodeParms ${img.decodeParms}` : '';
    const image = add(Buffer.concat([Buffer.from(`<< /Type /XObject /Subtype /Image /Width ${img.width} /Height ${img.height} /ColorSpace /${img.colorSpace} /BitsPerComponent ${img.bpc} /Filter /${img.filter}${parms} /Length ${img.bytes.length} >>\nstream\n`), img.bytes, Buffer.from('\nendstream')]));
    const ops = Buffer.from(`q ${p.matrix.map((x) => +x.toFixed(4)).join(' ')} cm /Im0 Do Q\n`);
    const contents = add(Buffer.concat([Buffer.from(`<< /Length ${ops.length} >>\nstream\n`), ops, Buffer.from('endstream')]));
    return add(Buffer.from(`<< /Type /Page /Parent ${tree} 0 R /MediaBox [0 0 ${p.width} ${p.height}] /Rotate ${p.rotate ?? 0} /Resources << /XObject << /Im0 ${image} 0 R >> >> /Contents ${contents} 0 R >>`));
  });
  objects[catalog - 1] = Buffer.from(`<< /Type /Catalog /Pages ${tree} 0 R >>`);
  objects[tree - 1] = Buffer.from(`<< /Type /Pages /Kids [${kids.map((k) => `${k} 0 R`).join(' ')}] /Count ${kids.length} >>`);
  const parts = [Buffer.from('%PDF-1.4\n%\xe2\xe3\xcf\xd3\n', 'latin1')];
  let offset = parts[0].length;
  const offsets = objects.map((body, i) => {
    const obj = Buffer.concat([Buffer.from(`${i + 1} 0 obj\n`), body, Buffer.from('\nendobj\n')]);
    parts.push(obj);
    const at = offset;
    offset += obj.length;
    return at;
  });
  const xref = `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n${offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('')}`;
  parts.push(Buffer.from(`${xref}trailer\n<< /Size ${objects.length + 1} /Root ${catalog} 0 R >>\nstartxref\n${offset}\n%%EOF\n`));
  return Buffer.concat(parts);
}

/** Write {@link imagePdf}'s bytes to `file`. */
export function writeImagePdf(file, pages) {
  writeFileSync(file, imagePdf(pages));
}

