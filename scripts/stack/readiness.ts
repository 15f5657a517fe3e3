// Polling the readiness URLs of freshly started components, failing fast when one of them dies.
import type { ComponentName } from './components';
import { startProgress, type Log } from './log';
import { describeExit, type Exit } from './processes';
import { StackError } from './stack-error';

const POLL_MS = 1000;

export interface ProbeResult {
  ok: boolean;
  /** What answered, for messages: `503 {"status":"degraded",…}` or `ECONNREFUSED`. */
  answer: string;
}

export async function probe(url: string, timeoutMs = 3000): Promise<ProbeResult> {
  try {
    const response = await fetch(url, { signal: AbortSignal.timeout(timeoutMs) });
    const body = (await response.text()).slice(0, 400);
    return { ok: response.status === 200, answer: `${response.status} ${body}`.trim() };
  } catch (error) {
    const cause = (error as { cause?: { code?: string } }).cause;
    return { ok: false, answer: cause?.code ?? (error as Error).message };
  }
}

export interface Starting {
  name: ComponentName;
  readyUrl: string;
  readyTimeoutMs: number;
  logFile: string;
  exit: Promise<Exit>;
}

/** Resolves once every component answers 200; rejects on the first that exits or times out. */
export async function waitForReady(log: Log, components: Starting[], signal?: AbortSignal): Promise<void> {
  const pending = new Set(components.map((component) => component.name));
  const stopProgress = startProgress(log, (seconds) => `waiting for ${[...pending].join(', ')} (${seconds}s)`);
  const giveUp = new AbortController();
  try {
    await Promise.all(components.map((component) => waitForOne(component, AbortSignal.any([giveUp.signal, ...(signal ? [signal] : [])]))
      .then((seconds) => {
        pending.delete(component.name);
        log.info(`${component.name} ready (${seconds}s)`);
      })));
  } finally {
    giveUp.abort();
    stopProgress();
  }
}

async function waitForOne(component: Starting, signal: AbortSignal): Promise<number> {
  const startedAt = Date.now();
  let exit: Exit | undefined;
  void component.exit.then((result) => (exit = result));
  let last: ProbeResult | undefined;
  for (;;) {
    signal.throwIfAborted();
    if (exit) {
      throw new StackError(`${component.name} ${describeExit(exit)} before it was ready`, { logFile: component.logFile });
    }
    last = await probe(component.readyUrl);
    if (last.ok) return Math.round((Date.now() - startedAt) / 1000);
    if (Date.now() - startedAt > component.readyTimeoutMs) {
      throw new StackError(
        `${component.name} was not ready after ${component.readyTimeoutMs / 1000}s (${component.readyUrl} answered: ${last.answer})`,
        { logFile: component.logFile },
      );
    }
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
  }
}
