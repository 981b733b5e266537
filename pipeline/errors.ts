/**
 * Errors are values with codes. The library throws {@link VerbaliError}; only
 * the CLI maps a code to an exit status (see `exitCodeFor` in cli.ts).
 * Recognise errors by `code`, never by matching message text.
 */
export type VerbaliErrorCode =
  // The input's own faults (exit 2 when any input fails; the batch goes on).
  /** The input does not exist. */
  | 'E_INPUT_MISSING'
  /** The input cannot be read (permissions, a symbolic link loop, an I/O error). */
  | 'E_INPUT_UNREADABLE'
  /** The input's type is not supported, or its bytes do not match its extension. */
  | 'E_INPUT_TYPE'
  /** The input has no content (zero bytes, zero pages). */
  | 'E_INPUT_EMPTY'
  /** The text is not UTF-8. */
  | 'E_INPUT_ENCODING'
  /** The PDF is corrupt or truncated. */
  | 'E_INPUT_PDF'
  /** The PDF is encrypted (password protected). */
  | 'E_ENCRYPTED'
  /** An image or page is too large to process. */
  | 'E_INPUT_TOO_LARGE'
  /** The image is corrupt or truncated. */
  | 'E_INPUT_IMAGE'
  /** OCR failed on a page (the page gets a marker and a warning; the error ends a run only through `verbali ocr`). */
  | 'E_OCR'
  /** A page or the whole document gave no result within its deadline (`--page-timeout`, `--doc-timeout`). */
  | 'E_TIMEOUT'
  /** The same bytes as another input of the batch, which failed: named once, under both paths. */
  | 'E_DUPLICATE'
  // verbali's own faults (exit 4 when any input meets one; the batch goes on).
  /** A record failed validation: a bug in verbali, never output. */
  | 'E_SCHEMA'
  /** Anything else thrown that verbali did not expect: a bug. `--log-json` carries its stack. */
  | 'E_INTERNAL'
  // verbali cannot run here (exit 3).
  /** A dependency or resource (language data, verbali's dictionaries) is missing or corrupt: found before any input is read. */
  | 'E_MISSING_DEP'
  /** A `--dict` names dictionary cannot be read or parsed: found before any input is read. */
  | 'E_DICT'
  /** Another run holds the output folder (or a run on another host does: `--force-unlock`). */
  | 'E_LOCKED'
  /** The output folder cannot be written (full disk, permissions): nothing half-written is left. */
  | 'E_OUTPUT'
  /** Bad command-line usage (exit 1). */
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

/**
 * Wrap anything thrown into a VerbaliError that names the file. What is not
 * a VerbaliError already was not expected: a bug, `E_INTERNAL`, said as such
 * (never blamed on the input); the original error, with its stack, is the cause.
 */
export function asVerbaliError(error: unknown, file?: string): VerbaliError {
  if (error instanceof VerbaliError) {
    if (error.file === undefined && file !== undefined) {
      return new VerbaliError(error.code, error.message, { file, page: error.page, cause: error.cause });
    }
    return error;
  }
  const message = error instanceof Error ? error.message : String(error);
  return new VerbaliError('E_INTERNAL', `internal error (a bug in verbali, please report it): ${message}`, { file, cause: error });
}

/** The stack a log should carry for a bug: the original error's, else this one's. */
export function stackOf(error: VerbaliError): string | undefined {
  return (error.cause instanceof Error ? error.cause.stack : undefined) ?? error.stack;
}
