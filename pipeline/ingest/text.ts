import { VerbaliError } from '../errors.js';

const utf8 = new TextDecoder('utf-8', { fatal: true });

/**
 * Decode a text input as strict UTF-8 (a BOM is dropped, CRLF becomes LF).
 * A Latin-1 or Windows-1252 file is refused with the command that converts
 * it, rather than silently turning `è` into `�`.
 */
export function decodeText(file: string, bytes: Uint8Array): string {
  let text: string;
  try {
    text = utf8.decode(bytes);
  } catch (error) {
    throw new VerbaliError(
      'E_INPUT_ENCODING',
      'the text is not UTF-8 (probably Latin-1 or Windows-1252): convert it first, e.g. `iconv -f latin1 -t utf-8`',
      { file, cause: error },
    );
  }
  if (text.includes('\u0000')) {
    throw new VerbaliError('E_INPUT_TYPE', 'the text file contains NUL bytes: it is binary, not text', { file });
  }
  text = text.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n');
  if (text.trim() === '') throw new VerbaliError('E_INPUT_EMPTY', 'the text file holds no text', { file });
  return text;
}
