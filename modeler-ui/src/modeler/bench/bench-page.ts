import { Linter } from 'bpmnlint';
import BpmnModeler from 'bpmn-js/lib/Modeler';
import { createBpmnEditor } from '../bpmn-editor';
import { singlePassLint, type PackedLintConfig } from '../lint/single-pass-linter';
import type { ModelerCatalog } from '../modeler-api';

// A page for bench/modeler-bench.ts: the real editor (panel, templates, lint) without sign-in or the API.
interface BenchInput {
  catalog: ModelerCatalog;
  elementTemplates: unknown[];
}

type Bus = { once(event: string, fn: (event: { issues?: Record<string, unknown[]> }) => void): void };

function lintDone(bus: Bus): Promise<number> {
  return new Promise((resolve) => bus.once('linting.completed', (event) => resolve(Object.values(event.issues ?? {}).flat().length)));
}

async function open(input: BenchInput, xml: string) {
  const canvas = document.getElementById('canvas')!;
  const properties = document.getElementById('properties')!;
  const started = performance.now();
  const modeler = createBpmnEditor({ canvas, properties, language: 'zh-CN', catalog: input.catalog, roleLabel: (role) => role, elementTemplates: input.elementTemplates });
  const bus = modeler.get<Bus>('eventBus');
  const firstLint = lintDone(bus);
  const created = performance.now() - started;
  await modeler.importXML(xml);
  const imported = performance.now() - started;
  modeler.get<{ zoom(level: string): void }>('canvas').zoom('fit-viewport');
  const registry = modeler.get<{ getAll(): Array<{ id: string; type: string }>; get(id: string): unknown }>('elementRegistry');
  const task = registry.getAll().find((element) => element.type === 'bpmn:UserTask')!;
  // Editable: the first element can be selected and shows its properties.
  modeler.get<{ select(element: unknown): void }>('selection').select(task);
  await new Promise((resolve) => requestAnimationFrame(() => resolve(null)));
  const editable = performance.now() - started;
  const issues = await firstLint;
  const firstLintDone = performance.now() - started;
  (window as unknown as { benchModeler: unknown }).benchModeler = modeler;
  return { created, imported, editable, firstLintDone, issues, elements: registry.getAll().length, taskId: task.id, agrees: await agrees(modeler) };
}

/** The single walk must report exactly what bpmnlint's own linter reports. */
async function agrees(modeler: ReturnType<typeof createBpmnEditor>): Promise<boolean> {
  const config = modeler.get<{ getLinterConfig(): PackedLintConfig }>('linting').getLinterConfig();
  const definitions = modeler.getDefinitions() as never;
  const summary = (results: Record<string, Array<{ id?: string; message: string; category: string }>>) =>
    JSON.stringify(Object.entries(results).sort().map(([rule, reports]) => [rule, reports.map((r) => `${r.id} ${r.category} ${r.message}`).sort()]));
  const expected = await new Linter(config).lint(definitions);
  return summary(expected) === summary(singlePassLint(definitions, config));
}

/** Renames one task through the command stack and waits for the lint run the change triggers. */
async function editAndLint(taskId: string, name: string) {
  const modeler = (window as unknown as { benchModeler: { get<T>(name: string): T } }).benchModeler;
  const bus = modeler.get<Bus>('eventBus');
  const element = modeler.get<{ get(id: string): unknown }>('elementRegistry').get(taskId);
  const done = lintDone(bus);
  const started = performance.now();
  modeler.get<{ updateProperties(element: unknown, props: object): void }>('modeling').updateProperties(element, { name });
  const command = performance.now() - started;
  const issues = await done;
  return { command, lint: performance.now() - started, issues };
}

/** bpmn-js with nothing of ours, for comparison: what the import costs anyway. */
async function baseline(xml: string) {
  const container = document.createElement('div');
  container.style.cssText = 'position:absolute;inset:0;visibility:hidden';
  document.body.append(container);
  const started = performance.now();
  const modeler = new BpmnModeler({ container });
  await modeler.importXML(xml);
  const imported = performance.now() - started;
  modeler.destroy();
  container.remove();
  return imported;
}

(window as unknown as { bench: object }).bench = { open, editAndLint, baseline };
