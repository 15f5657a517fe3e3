// Console output of the launcher: every line carries the time since start, so slow steps are obvious.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { repoRoot } from './profiles';
import { StackError } from './stack-error';

const FAILURE_TAIL_LINES = 30;

export interface Log {
  /** A new step of the start sequence. */
  step(title: string): void;
  info(message: string): void;
  warn(message: string): void;
  error(message: string): void;
  /** Text printed as is (banner, log tails). */
  plain(text: string): void;
}

/** `quiet` keeps only warnings and errors, for calls from inside a test. */
export function createLog(options: { quiet?: boolean } = {}): Log {
  const startedAt = Date.now();
  const stamp = () => `[${((Date.now() - startedAt) / 1000).toFixed(1).padStart(6)}s]`;
  const say = options.quiet ? () => undefined : (line: string) => console.log(line);
  return {
    step: (title) => say(`${stamp()} ${title}…`),
    info: (message) => say(`${stamp()}   ${message}`),
    warn: (message) => console.warn(`${stamp()}   warning: ${message}`),
    error: (message) => console.error(`${stamp()} error: ${message}`),
    plain: say,
  };
}

/** Prints `describe(seconds)` every `everyMs` until stopped, so a long step is never silent. */
export function startProgress(log: Log, describe: (seconds: number) => string, everyMs = 5000): () => void {
  const startedAt = Date.now();
  const timer = setInterval(() => log.info(describe(Math.round((Date.now() - startedAt) / 1000))), everyMs);
  return () => clearInterval(timer);
}

export function tailOf(file: string, lines: number): string {
  try {
    return fs.readFileSync(file, 'utf8').trimEnd().split('\n').slice(-lines).join('\n');
  } catch {
    return '(no log yet)';
  }
}

/** The whole story of a failure: its message and, when a log tells more, that log's last lines and path. */
export function explain(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  // A bug in the launcher shows where it is; anything else is explained by its message.
  const isBug = error instanceof TypeError || error instanceof ReferenceError || error instanceof RangeError;
  const message = isBug ? (error.stack ?? error.message) : error.message;
  if (!(error instanceof StackError && error.logFile)) return message;
  const logFile = path.relative(repoRoot, error.logFile);
  return [
    message,
    `--- last ${FAILURE_TAIL_LINES} lines of ${logFile} ---`,
    tailOf(error.logFile, FAILURE_TAIL_LINES),
    `--- full log: ${logFile}`,
  ].join('\n');
}
