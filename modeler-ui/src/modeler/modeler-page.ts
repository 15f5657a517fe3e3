import './modeler.css';
import type BpmnModeler from 'bpmn-js/lib/Modeler';
import { ApiError, errorMessage } from '../api/api-error';
import { clear, h } from '../dom/h';
import { label, language } from '../i18n';
import type { AppContext } from '../shell/app-context';
import type { PageView } from '../shell/router';
import { createBpmnEditor } from './bpmn-editor';
import { mt, type ModelerMessageKey } from './i18n/messages';
import { modelerApi, type DraftModelKind, type ModelKind, type ModelSource } from './modeler-api';
import type { ServerProblem } from './validation/server-validation';

interface LintIssue {
  id: string;
  message: string;
  category: 'error' | 'warn' | 'info' | 'rule-error';
  rule: string;
}

const kinds: ModelKind[] = ['template', 'variant', 'dmn', 'form'];
/** Edits survive a language switch or a detour to another page: the page is redrawn from here. */
const unsaved = new Map<string, string>();
/** The draft started for a model in this session, by model key. */
const drafts = new Map<string, string>();

/** 流程设计: `#/modeler` opens the intake-dispatch template, `#/modeler/<kind>/<name>` any model. */
export async function modelerPage(ctx: AppContext, view: PageView): Promise<void> {
  view.setTitle(mt('modeler.title'));
  const [kindParam, nameParam] = view.params;
  const [catalog, models] = await Promise.all([modelerApi.catalog(ctx.api, view.signal), modelerApi.models(ctx.api, view.signal)]);
  const isDraft = kindParam === 'draft' && nameParam !== undefined;
  // A draft opens in the editor of what it holds: a process, a decision table or a form.
  const draft = isDraft ? await modelerApi.draft(ctx.api, nameParam, view.signal) : null;
  const kind: ModelKind = draft ? (draft.kind === 'dmn' || draft.kind === 'form' ? draft.kind : 'template') : (kinds as string[]).includes(kindParam ?? '') ? (kindParam as ModelKind) : 'template';
  const templates = models.filter((m) => m.kind === 'template').map((m) => m.name);
  const name = nameParam ?? (templates.includes('intake-dispatch') ? 'intake-dispatch' : (templates[0] ?? 'intake-dispatch'));
  const key = isDraft ? `draft/${name}` : `${kind}/${name}`;
  if (isDraft) drafts.set(key, name);

  const canvas = h('div', { class: 'modeler-canvas', 'data-testid': 'modeler-canvas' });
  const properties = h('aside', { class: 'modeler-properties', 'data-testid': 'properties-panel', 'aria-label': mt('modeler.title') });
  const problems = h('section', { class: 'modeler-problems', 'data-testid': 'problem-list', 'aria-live': 'polite' });
  const actions = h('div', { class: 'modeler-actions' });
  const page = h(
    'section',
    { class: 'page modeler-page', 'data-testid': 'modeler-page', 'data-model': key },
    h('div', { class: 'modeler-toolbar' }, h('h1', {}, mt('modeler.title')), modelPicker(models, key), actions),
    h('div', { class: 'modeler-workspace' }, canvas, kind === 'dmn' || kind === 'form' ? null : properties),
    kind === 'dmn' || kind === 'form' ? h('p', { class: 'page-subtitle' }, mt('modeler.tableFormNote')) : problems,
  );
  view.outlet.append(page);

  const source = unsaved.get(key) ?? (draft ? (draft.xml ?? '') : await modelerApi.source(ctx.api, kind, name, view.signal));
  const target = (draftKind: DraftModelKind, modelKey: () => string, content: () => Promise<string>, isDirty: () => boolean): DraftTarget => ({
    open: isDraft ? 'draft' : kind,
    draftKind,
    key,
    modelKey,
    content,
    isDirty,
  });
  if (kind === 'dmn' || kind === 'form') {
    const editor =
      kind === 'dmn'
        ? await (await import('./dmn-editor')).openDmnEditor(canvas, source, language())
        : await (await import('./form-editor')).openFormEditor(canvas, source, language());
    let dirty = false;
    editor.onChange(() => (dirty = true));
    view.onDispose(() => {
      if (!dirty) return editor.destroy();
      void editor.content().then((text) => unsaved.set(key, text)).finally(() => editor.destroy());
    });
    page.dataset.ready = 'true';
    // The file name is the decision or form id the processes name (triage.dmn holds the decision triage).
    drawActions(actions, ctx, target(kind, () => draft?.processKey ?? name, () => editor.content(), () => dirty));
    return;
  }

  const elementTemplates = await modelerApi.elementTemplates(ctx.api, view.signal);
  const modeler = createBpmnEditor({
    canvas,
    properties,
    language: language(),
    catalog,
    roleLabel: (role) => label('role', role),
    elementTemplates,
    validate: (xml) => modelerApi.validate(ctx.api, xml),
  });
  let dirty = false;
  view.onDispose(() => {
    if (!dirty) return modeler.destroy();
    void modeler.saveXML({ format: false }).then(({ xml }) => xml && unsaved.set(key, xml)).finally(() => modeler.destroy());
  });

  const problemList = new ProblemList(problems, modeler);
  const eventBus = modeler.get<{ on(event: string, fn: (event: never) => void): void }>('eventBus');
  eventBus.on('linting.completed', (event: { issues: Record<string, LintIssue[]> }) => problemList.setLint(Object.values(event.issues).flat()));
  eventBus.on('xietong.serverValidation.started', () => problemList.setServerState('checking'));
  eventBus.on('xietong.serverValidation.done', (event: { problems: ServerProblem[] }) => problemList.setServer(event.problems));
  eventBus.on('xietong.serverValidation.failed', () => problemList.setServerState('failed'));
  eventBus.on('commandStack.changed', () => {
    dirty = true;
  });

  await modeler.importXML(source);
  modeler.get<{ zoom(level: string): void }>('canvas').zoom('fit-viewport');
  page.dataset.ready = 'true';

  const xml = async () => (await modeler.saveXML({ format: true })).xml ?? '';
  drawActions(actions, ctx, target('bpmn', () => processKey(modeler, name), xml, () => dirty));
}

/** What the draft buttons work on: the open model, the kind of draft it makes, its key and its current text. */
interface DraftTarget {
  open: ModelKind | 'draft';
  draftKind: DraftModelKind;
  /** The page's model (`kind/name`), which the session's draft is remembered by. */
  key: string;
  /** The process, decision or form id the draft is for. */
  modelKey: () => string;
  content: () => Promise<string>;
  isDirty: () => boolean;
}

const fileTypes: Record<DraftModelKind, { extension: string; mime: string }> = {
  bpmn: { extension: '.bpmn', mime: 'application/xml' },
  dmn: { extension: '.dmn', mime: 'application/xml' },
  form: { extension: '.form', mime: 'application/json' },
};

function modelPicker(models: ModelSource[], current: string): HTMLElement {
  const select = h(
    'select',
    {
      class: 'modeler-picker',
      'data-testid': 'model-picker',
      'aria-label': mt('modeler.open'),
      onChange: (event) => {
        location.hash = `#/modeler/${(event.target as HTMLSelectElement).value}`;
      },
    },
    ...kinds.map((kind) =>
      h(
        'optgroup',
        { label: mt(`modeler.kind.${kind}` as ModelerMessageKey) },
        ...models
          .filter((model) => model.kind === kind)
          .map((model) => h('option', { value: `${model.kind}/${model.name}`, selected: `${model.kind}/${model.name}` === current }, model.name)),
      ),
    ),
  );
  return h('label', { class: 'modeler-picker-label' }, h('span', {}, mt('modeler.open')), select);
}

function processKey(modeler: BpmnModeler, fallback: string): string {
  const definitions = modeler.getDefinitions() as { rootElements?: Array<{ $type: string; id: string }> };
  return definitions.rootElements?.find((element) => element.$type === 'bpmn:Process')?.id ?? fallback;
}

function drawActions(actions: HTMLElement, ctx: AppContext, model: DraftTarget): void {
  const { key, content: xml, isDirty } = model;
  const comment = h('input', { type: 'text', class: 'modeler-comment', 'data-testid': 'draft-comment', placeholder: mt('modeler.draftComment'), 'aria-label': mt('modeler.draftComment') });
  const status = h('span', { class: 'modeler-draft-status', 'data-testid': 'draft-status' });
  const note = () => comment.value.trim() || mt('modeler.draftCommentDefault');
  const showDraft = () => {
    const id = drafts.get(key);
    status.textContent = id === undefined ? '' : `${mt('modeler.kind.draft')} #${id}`;
  };
  const failed = (error: unknown) => {
    ctx.toast(error instanceof ApiError && (error.status === 404 || error.status === 405) ? mt('modeler.draftsUnavailable') : errorMessage(error), 'error');
  };
  const button = (testid: string, text: ModelerMessageKey, primary: boolean, run: () => Promise<void>) => {
    const element = h('button', {
      type: 'button',
      class: `button ${primary ? 'button-primary' : 'button-secondary'} button-small`,
      'data-testid': testid,
      onClick: () => {
        element.disabled = true;
        run().catch(failed).finally(() => (element.disabled = false));
      },
    }, mt(text));
    return element;
  };

  const customise = button('draft-start', 'modeler.customise', false, async () => {
    const draft = await modelerApi.startDraft(ctx.api, { kind: model.draftKind, processKey: model.modelKey(), comment: note() });
    drafts.set(key, draft.id);
    // The draft starts from what the district runs; what the designer already changed here becomes its first revision.
    if (isDirty()) await modelerApi.saveDraft(ctx.api, draft.id, { xml: await xml(), comment: note() });
    showDraft();
    ctx.toast(mt('modeler.draftStarted'));
  });
  const save = button('draft-save', 'modeler.saveDraft', false, async () => {
    const id = drafts.get(key);
    if (id === undefined) return ctx.toast(mt('modeler.noDraftYet'), 'error');
    await modelerApi.saveDraft(ctx.api, id, { xml: await xml(), comment: note() });
    ctx.toast(mt('modeler.draftSaved'));
  });
  const submit = button('draft-submit', 'modeler.submitDraft', true, async () => {
    const id = drafts.get(key);
    if (id === undefined) return ctx.toast(mt('modeler.noDraftYet'), 'error');
    await modelerApi.saveDraft(ctx.api, id, { xml: await xml(), comment: note() });
    await modelerApi.submitDraft(ctx.api, id);
    ctx.toast(mt('modeler.draftSubmitted'));
  });
  const download = button('model-download', 'modeler.download', false, async () => {
    const file = fileTypes[model.draftKind];
    const link = h('a', { href: URL.createObjectURL(new Blob([await xml()], { type: file.mime })), download: `${model.modelKey()}${file.extension}` });
    link.click();
    URL.revokeObjectURL(link.href);
  });
  clear(actions);
  actions.append(...(model.open === 'draft' ? [] : [customise]), comment, save, submit, download, status);
  showDraft();
}

/** Lint and server problems in one list; a click selects the element on the canvas. */
class ProblemList {
  private lint: LintIssue[] = [];
  private server: ServerProblem[] = [];
  private serverState: 'idle' | 'checking' | 'failed' = 'idle';

  constructor(
    private readonly root: HTMLElement,
    private readonly modeler: BpmnModeler,
  ) {
    this.draw();
  }

  setLint(issues: LintIssue[]): void {
    this.lint = issues;
    this.draw();
  }

  setServer(problems: ServerProblem[]): void {
    this.server = problems;
    this.serverState = 'idle';
    this.draw();
  }

  setServerState(state: 'checking' | 'failed'): void {
    this.serverState = state;
    this.draw();
  }

  private draw(): void {
    const translate = this.modeler.get<(text: string) => string>('translate');
    const name = (id: string | null) => {
      const element = id ? this.modeler.get<{ get(id: string): { businessObject?: { name?: string } } | undefined }>('elementRegistry').get(id) : undefined;
      return element?.businessObject?.name ? `${element.businessObject.name}（${id}）` : (id ?? mt('modeler.process'));
    };
    const item = (source: 'lint' | 'server', elementId: string | null, rule: string, message: string, severity: string) =>
      h(
        'li',
        { class: `modeler-problem modeler-problem-${severity}`, 'data-testid': 'problem', 'data-source': source, 'data-element-id': elementId ?? '', 'data-rule': rule },
        h(
          'button',
          { type: 'button', class: 'modeler-problem-link', onClick: () => this.reveal(elementId) },
          h('span', { class: 'modeler-problem-source' }, mt(source === 'lint' ? 'modeler.lintSource' : 'modeler.serverSource')),
          h('span', { class: 'modeler-problem-element' }, name(elementId)),
          h('span', { class: 'modeler-problem-message' }, message),
        ),
      );
    const items = [
      ...this.lint.map((issue) => item('lint', issue.id, issue.rule, translate(issue.message), issue.category === 'warn' ? 'warn' : 'error')),
      ...this.server.map((problem) => item('server', problem.elementId, problem.rule, problem.message, 'error')),
    ];
    const state =
      this.serverState === 'checking' ? mt('modeler.serverChecking') : this.serverState === 'failed' ? mt('modeler.serverFailed') : '';
    clear(this.root);
    this.root.dataset.lintCount = String(this.lint.length);
    this.root.dataset.serverCount = String(this.server.length);
    this.root.dataset.serverState = this.serverState;
    this.root.append(
      h(
        'h2',
        {},
        mt('modeler.problems'),
        h('span', { class: 'modeler-problems-summary' }, items.length ? mt('modeler.problemsCount', { lint: this.lint.length, server: this.server.length }) : mt('modeler.problemsNone')),
        state ? h('span', { class: 'modeler-problems-state' }, state) : null,
      ),
      h('ul', {}, ...items),
    );
  }

  private reveal(elementId: string | null): void {
    const element = elementId ? this.modeler.get<{ get(id: string): unknown }>('elementRegistry').get(elementId) : undefined;
    if (!element) return;
    this.modeler.get<{ select(element: unknown): void }>('selection').select(element);
    this.modeler.get<{ scrollToElement(element: unknown): void }>('canvas').scrollToElement(element);
  }
}
