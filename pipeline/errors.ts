/**
 * Errors are values with codes. The library throws {@link VerbaliError}; only
 * the CLI maps a code to an exit status (see `exitCodeFor` in cli.ts).
 * Recognise errors by `code`, never by matching message text.
 */
export type VerbaliErrorCode =
  /** The input does not exist or cannot be read. */
  | 'E_INPUT_MISSING'
  | 'E_INPUT_UNREADABLE'
  /** The input's type is not supported, or its bytes do not match its extension. */
  | 'E_INPUT_TYPE'
  /** The input has no content (zero bytes, zero pages). */
  | 'E_INPUT_EMPTY'
  /** The text is not UTF-8. */
  | 'E_INPUT_ENCODING'
  /** The PDF is corrupt or truncated. */
  | 'E_INPUT_PDF'
  | 'E_ENCRYPTED'
  /** The PDF carries JavaScript, which verbali refuses to process. */
  | 'E_PDF_JAVASCRIPT'
  /** An image or page is too large to process. */
  | 'E_INPUT_TOO_LARGE'
  | 'E_INPUT_IMAGE'
  | 'E_OCR'
  | 'E_TIMEOUT'
  /** A record failed validation: a bug, never output. */
  | 'E_SCHEMA'
  /** A dependency or resource (language data, dictionary) is missing. */
  | 'E_MISSING_DEP'
  | 'E_DICT'
  /** Another run holds the output folder. */
  | 'E_LOCKED'
  | 'E_USAGE';

export interface VerbaliErrorOptions {
  file?: string | undefined;
  page?: number | undefined;
  cause?: unknown;
}

export class VerbaliError extends Error {
  override readonly name = 'VerbaliError';
  readonly code: VerbaliErrorCode;
  readonly file: string | undefined;
  readonly page: number | undefined;

  constructor(code: VerbaliErrorCode, message: string, options: VerbaliErrorOptions = {}) {
    super(message, { cause: options.cause });
    this.code = code;
    this.file = options.file;
    this.page = options.page;
  }

  /** `file: page 3: reason (CODE)`, the line a person reads on stderr. */
  describe(): string {
    const where = [this.file, this.page === undefined ? undefined : `page ${this.page}`].filter(Boolean).join(': ');
    return `${where ? `${where}: ` : ''}${this.message} (${this.code})`;
  }
}

/** Wrap anything thrown into a VerbaliError that names the file. */
export function asVerbaliError(error: unknown, file?: string, fallback: VerbaliErrorCode = 'E_INPUT_UNREADABLE'): VerbaliError {
  if (error instanceof VerbaliError) {
    if (error.file === undefined && file !== undefined) {
      return new VerbaliError(error.code, error.message, { file, page: error.page, cause: error.cause });
    }
    return error;
  }
  const message = error instanceof Error ? error.message : String(error);
  return new VerbaliError(fallback, message, { file, cause: error });
}
