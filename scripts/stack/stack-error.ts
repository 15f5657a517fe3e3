/** A failure the launcher explains in its own words: printed without a stack trace, then exit 1. */
export class StackError extends Error {
  /** Log whose last lines tell the user what went wrong. */
  readonly logFile?: string;

  constructor(message: string, options: { logFile?: string; cause?: unknown } = {}) {
    super(message, { cause: options.cause });
    this.name = 'StackError';
    this.logFile = options.logFile;
  }
}
