type Shape = { id: string; businessObject: unknown };
type Handler = (event: Event) => void;

/**
 * Two palette entries our processes need all the time: a user task, and a service task that opens the
 * element template chooser as soon as it is placed (a bare service task fails the guard).
 */
export class XietongPalette {
  static $inject = ['palette', 'create', 'elementFactory', 'eventBus', 'translate'];

  constructor(
    palette: { registerProvider(priority: number, provider: unknown): void },
    private readonly create: { start(event: Event, shape: Shape): void },
    private readonly elementFactory: { createShape(attrs: { type: string }): Shape },
    private readonly eventBus: { on(events: string[], priority: number, fn: (e: { type?: string }) => void): void; off(events: string[], fn: unknown): void; fire(event: string, data: unknown): void },
    private readonly translate: (text: string) => string,
  ) {
    palette.registerProvider(500, this);
  }

  getPaletteEntries() {
    return (entries: Record<string, unknown>) => ({
      ...entries,
      'create.user-task': this.entry('bpmn-icon-user-task', 'Create user task', (event) => this.create.start(event, this.shape('bpmn:UserTask'))),
      'create.templated-service-task': this.entry('bpmn-icon-service-task', 'Create service task from template', (event) => this.startTemplated(event)),
    });
  }

  private entry(className: string, title: string, start: Handler) {
    return { group: 'activity', className, title: this.translate(title), action: { dragstart: start, click: start } };
  }

  private shape(type: string): Shape {
    return this.elementFactory.createShape({ type });
  }

  private startTemplated(event: Event): void {
    const shape = this.shape('bpmn:ServiceTask');
    const events = ['create.end', 'create.canceled'];
    const done = (e: { type?: string }) => {
      this.eventBus.off(events, done);
      // After the create command ran, the shape is on the canvas: let the designer pick its topic.
      if (e.type === 'create.end') setTimeout(() => this.eventBus.fire('elementTemplates.select', { element: shape }));
    };
    this.eventBus.on(events, 250, done);
    this.create.start(event, shape);
  }
}

export const xietongPaletteModule = {
  __init__: ['xietongPalette'],
  xietongPalette: ['type', XietongPalette],
};
