// The library ships no types; these are the parts xietong uses.
declare module 'camunda-external-task-client-js' {
  export class Variables {
    setAll(values: Record<string, unknown>): this;
    getAll(): Record<string, unknown>;
  }
  export class Client {
    constructor(options: Record<string, unknown>);
    subscribe(topic: string, options: Record<string, unknown>, handler: (args: { task: any; taskService: any }) => Promise<void>): unknown;
    on(event: string, listener: (...args: unknown[]) => void): void;
    start(): void;
    stop(): void;
  }
}
