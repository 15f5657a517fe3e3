/** One problem of `POST /api/models/validate`, message already in the UI language. */
export interface ServerProblem {
  elementId: string | null;
  rule: string;
  message: string;
}

export type ServerValidate = (xml: string) => Promise<ServerProblem[]>;

type ElementLike = { id: string };
interface EventBus {
  on(events: string | string[], fn: (...args: unknown[]) => void): void;
  fire(event: string, data?: unknown): void;
}

const DEBOUNCE_MS = 800;

/**
 * Runs the deployment guard on the diagram a moment after the last edit and marks the elements it names.
 * Stale answers (the model changed meanwhile) are dropped.
 */
export class ServerValidation {
  static $inject = ['eventBus', 'bpmnjs', 'overlays', 'elementRegistry', 'config.xietongValidate'];

  private timer: ReturnType<typeof setTimeout> | undefined;
  private generation = 0;

  constructor(
    private readonly eventBus: EventBus,
    private readonly bpmnjs: { saveXML(options: { format: boolean }): Promise<{ xml?: string }> },
    private readonly overlays: { add(element: ElementLike, type: string, overlay: unknown): string; remove(filter: { type: string }): void },
    private readonly elementRegistry: { get(id: string): ElementLike | undefined },
    private readonly validate: ServerValidate | undefined,
  ) {
    if (!validate) return;
    eventBus.on(['import.done', 'commandStack.changed'], () => this.schedule());
    eventBus.on('diagram.destroy', () => clearTimeout(this.timer));
  }

  schedule(): void {
    clearTimeout(this.timer);
    const generation = ++this.generation;
    this.timer = setTimeout(() => void this.run(generation), DEBOUNCE_MS);
  }

  private async run(generation: number): Promise<void> {
    if (!this.validate) return;
    this.eventBus.fire('xietong.serverValidation.started');
    try {
      const { xml = '' } = await this.bpmnjs.saveXML({ format: false });
      const problems = await this.validate(xml);
      if (generation !== this.generation) return;
      this.show(problems);
      this.eventBus.fire('xietong.serverValidation.done', { problems });
    } catch (error) {
      if (generation !== this.generation) return;
      this.overlays.remove({ type: 'xietong-server' });
      this.eventBus.fire('xietong.serverValidation.failed', { error });
    }
  }

  private show(problems: ServerProblem[]): void {
    this.overlays.remove({ type: 'xietong-server' });
    const counted = new Map<string, number>();
    for (const problem of problems) counted.set(problem.elementId ?? '', (counted.get(problem.elementId ?? '') ?? 0) + 1);
    for (const [id, count] of counted) {
      const element = id ? this.elementRegistry.get(id) : undefined;
      if (!element) continue;
      const badge = document.createElement('span');
      badge.className = 'xietong-server-badge';
      badge.dataset.testid = 'server-problem-badge';
      badge.textContent = String(count);
      badge.title = problems.filter((p) => p.elementId === id).map((p) => p.message).join('\n');
      this.overlays.add(element, 'xietong-server', { position: { bottom: 6, left: -8 }, html: badge });
    }
  }
}

export const serverValidationModule = {
  __init__: ['xietongServerValidation'],
  xietongServerValidation: ['type', ServerValidation],
};
