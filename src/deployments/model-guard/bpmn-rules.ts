import { isRole, roles } from '../../auth/roles';
import { TopicDefinition, topicRegistry } from '../../../workers/topic-registry';
import { isIsoCycle, isIsoDuration, isIsoTimer, TimerKind } from './iso-timer';
import type { KnownForm } from './known-forms';
import type { ModdleElement } from './model-libraries';
import { ModelProblem, problem, unsafeExpressionProblem } from './model-problem';
import { hasJuel, unsafeJuelText } from './safe-expression';

/**
 * Variables every process has without any step setting them: IntakesService starts each instance with these.
 * Together with what the model's own steps set (topic outputs, form fields, output mappings) they are the
 * "known process variables" a topic's required input may come from. Order is not checked: a variable set
 * anywhere in the model counts, which is simple and catches the common mistake (an input nobody sets).
 */
export const processStartVariables = ['intakeId', 'districtId', 'source', 'category', 'title'];

export interface BpmnRuleContext {
  /** Forms the model may name: the shipped ones and any uploaded alongside it. */
  forms: KnownForm[];
  /** The allowlist of external-task topics; the workers' registry unless a spec passes its own. */
  topics?: Record<string, TopicDefinition>;
}

type Element = ModdleElement & { $instanceOf(type: string): boolean };

const javaClassProperties = new Set(['class', 'formHandlerClass', 'variableMappingClass']);
const delegateExpressionProperties = new Set(['delegateExpression', 'variableMappingDelegateExpression']);
/** Text the engine never evaluates, so `${…}` in it is harmless prose. */
const proseTypes = new Set(['bpmn:Documentation', 'bpmn:TextAnnotation']);
const timerKinds: TimerKind[] = ['timeDuration', 'timeDate', 'timeCycle'];

export function bpmnProblems(definitions: ModdleElement, context: BpmnRuleContext): ModelProblem[] {
  const problems: ModelProblem[] = [];
  const elements: Array<{ element: Element; ownerId: string | null }> = [];
  collect(definitions as Element, null, elements);

  const decisionReads = localDecisionResults(elements.map((e) => e.element));
  for (const { element, ownerId } of elements) {
    if (isDecisionResultRead(element, ownerId, decisionReads)) continue;
    problems.push(...hookAndExpressionProblems(element, ownerId));
  }

  const topics: Record<string, TopicDefinition> = context.topics ?? topicRegistry;
  const known = knownVariables(elements.map((e) => e.element), context, topics);
  for (const { element, ownerId } of elements) {
    if (element.$instanceOf('bpmn:UserTask')) problems.push(...userTaskProblems(element, context));
    if (isExternalCandidate(element)) problems.push(...externalTaskProblems(element, ownerId, known, topics));
    if (element.$type === 'bpmn:TimerEventDefinition') problems.push(...timerProblems(element, ownerId));
    if (element.$type === 'camunda:FailedJobRetryTimeCycle') problems.push(...retryCycleProblems(element, ownerId));
  }
  return problems;
}

/** Every model element once, with the id of the flow element (or process) it belongs to. Diagram interchange is skipped: the engine ignores it. */
function collect(element: Element, ownerId: string | null, into: Array<{ element: Element; ownerId: string | null }>): void {
  if (element.$type === 'bpmndi:BPMNDiagram') return;
  // Event definitions are root elements in BPMN, but a designer looks for the event that holds them.
  const owns =
    typeof element.id === 'string' &&
    !element.$instanceOf('bpmn:EventDefinition') &&
    (element.$instanceOf('bpmn:FlowElement') || element.$instanceOf('bpmn:RootElement') || element.$instanceOf('bpmn:Participant'));
  const owner = owns ? (element.id as string) : ownerId;
  into.push({ element, ownerId: owner });
  for (const child of children(element)) collect(child, owner, into);
}

function children(element: Element): Element[] {
  const found: Element[] = [];
  const take = (value: unknown) => {
    if (Array.isArray(value)) value.forEach(take);
    else if (value && typeof value === 'object' && typeof (value as Element).$type === 'string' && typeof (value as Element).$instanceOf === 'function') found.push(value as Element);
  };
  if (element.$descriptor.isGeneric) {
    for (const [key, value] of Object.entries(element)) if (!key.startsWith('$')) take(value);
    take(element.$children);
  } else {
    for (const property of element.$descriptor.properties) if (!property.isReference) take(element.get(property.name));
  }
  return found;
}

/** The string attributes and bodies of an element, under their local names, including attributes moddle did not know. */
function strings(element: Element): Array<[string, string]> {
  const found: Array<[string, string]> = [];
  if (!element.$descriptor.isGeneric) {
    for (const property of element.$descriptor.properties) {
      const value = property.isReference ? undefined : element.get(property.name);
      if (typeof value === 'string') found.push([property.name.replace(/^.*:/, ''), value]);
    }
  }
  for (const [name, value] of Object.entries(element.$attrs ?? {})) {
    if (!name.startsWith('xmlns') && typeof value === 'string') found.push([name.replace(/^.*:/, ''), value]);
  }
  return found;
}

/**
 * Business rule tasks whose single decision result stays local: mapDecisionResult="singleResult" into a result
 * variable the task itself declares as an (empty) input parameter. That variable is then always the engine's own
 * result map, never a process variable, so `${result.output}` in the task's output mapping is a map lookup
 * (JUEL's map resolver answers it; no getter is called) — the one property access the expression rule allows.
 */
function localDecisionResults(elements: Element[]): Set<string> {
  const local = new Set<string>();
  for (const task of elements.filter((e) => e.$type === 'bpmn:BusinessRuleTask' && e.get('camunda:decisionRef'))) {
    const result = String(task.get('camunda:resultVariable') ?? '');
    if (result && task.get('camunda:mapDecisionResult') === 'singleResult' && inputParameters(task).includes(result)) local.add(`${task.id}\u0000${result}`);
  }
  return local;
}

/** `${result.output}`, alone, as an output parameter of the business rule task that keeps `result` local. */
function isDecisionResultRead(element: Element, ownerId: string | null, local: Set<string>): boolean {
  if (element.$type !== 'camunda:OutputParameter' || ownerId === null) return false;
  const value = element.get('value');
  const read = typeof value === 'string' ? /^\$\{\s*([a-z][A-Za-z0-9_]*)\.([a-z][A-Za-z0-9_]*)\s*\}$/.exec(value.trim()) : null;
  return read !== null && local.has(`${ownerId}\u0000${read[1]}`) && !element.get('definition');
}

function hookAndExpressionProblems(element: Element, ownerId: string | null): ModelProblem[] {
  const problems: ModelProblem[] = [];
  const where = ownerId ?? '（文件）';
  if (element.$type === 'bpmn:ScriptTask') {
    problems.push(problem('no-script', ownerId, `${where}：不允许使用脚本任务`, `${where}: script tasks are not allowed`));
  }
  if (element.$type === 'camunda:Script') {
    problems.push(problem('no-script', ownerId, `${where}：不允许使用脚本（camunda:script）`, `${where}: scripts (camunda:script) are not allowed`));
  }
  if (element.$type === 'camunda:Connector') {
    problems.push(problem('no-connector', ownerId, `${where}：不允许使用连接器（camunda:connector）`, `${where}: connectors (camunda:connector) are not allowed`));
  }
  const isHookHolder = element.$instanceOf('camunda:ServiceTaskLike') || element.$type === 'camunda:ExecutionListener' || element.$type === 'camunda:TaskListener';
  const isExpression = element.$instanceOf('bpmn:Expression');
  for (const [name, value] of strings(element)) {
    if (!value.trim()) continue;
    if (javaClassProperties.has(name)) {
      problems.push(problem('no-java-class', ownerId, `${where}：不允许调用 Java 类（${name}="${value}"）`, `${where}: Java classes are not allowed (${name}="${value}")`));
    } else if (delegateExpressionProperties.has(name)) {
      problems.push(problem('no-delegate-expression', ownerId, `${where}：不允许使用委托表达式（${name}="${value}"）`, `${where}: delegate expressions are not allowed (${name}="${value}")`));
    } else if (name === 'expression' && isHookHolder) {
      problems.push(problem('no-expression-hook', ownerId, `${where}：不允许用表达式执行代码（expression="${value}"）`, `${where}: expression hooks are not allowed (expression="${value}")`));
    } else if (name === 'scriptFormat' || ((name === 'language' || name === 'resource') && (isExpression || element.$type === 'bpmn:ScriptTask'))) {
      if (element.$type !== 'camunda:Script' && element.$type !== 'bpmn:ScriptTask') {
        problems.push(problem('no-script', ownerId, `${where}：不允许使用脚本（${name}="${value}"）`, `${where}: scripts are not allowed (${name}="${value}")`));
      }
    } else if (hasJuel(value) && !proseTypes.has(element.$type)) {
      const reason = unsafeJuelText(value);
      if (reason) problems.push(unsafeExpressionProblem(ownerId, value, reason));
    }
  }
  return problems;
}

function isExternalCandidate(element: Element): boolean {
  if (element.$type === 'bpmn:ServiceTask' || element.$type === 'bpmn:SendTask') return true;
  if (element.$type === 'bpmn:BusinessRuleTask') return !element.get('camunda:decisionRef');
  // A message event is only a task in disguise when it names an implementation.
  if (element.$type === 'bpmn:MessageEventDefinition') return Boolean(element.get('camunda:type') || element.get('camunda:topic'));
  return false;
}

function externalTaskProblems(element: Element, ownerId: string | null, known: Set<string>, topics: Record<string, TopicDefinition>): ModelProblem[] {
  const id = ownerId ?? '（文件）';
  const hooked = ['camunda:class', 'camunda:delegateExpression', 'camunda:expression'].some((name) => element.get(name));
  if (element.get('camunda:type') !== 'external') {
    return hooked
      ? []
      : [problem('external-task-required', ownerId, `${id}：服务任务须为外部任务（camunda:type="external"）并选择已登记的主题`, `${id}: service tasks must be external tasks (camunda:type="external") with a registered topic`)];
  }
  const topic = String(element.get('camunda:topic') ?? '').trim();
  const definition = Object.hasOwn(topics, topic) ? topics[topic] : undefined;
  if (!definition) {
    return [
      problem(
        'unknown-topic',
        ownerId,
        `${id}：主题 "${topic}" 未在主题登记表中（可用：${Object.keys(topics).join('、')}）`,
        `${id}: the topic "${topic}" is not registered (known: ${Object.keys(topics).join(', ')})`,
      ),
    ];
  }
  const mapped = new Set(inputParameters(element));
  return Object.entries(definition.inputs)
    .filter(([name, spec]) => spec.required && !mapped.has(name) && !known.has(name))
    .map(([name, spec]) =>
      problem(
        'topic-input-missing',
        ownerId,
        `${id}：主题 ${topic} 需要输入变量 ${name}（${spec.label}），但流程中没有任何步骤提供它，请在输入映射中设置`,
        `${id}: the topic ${topic} needs the input ${name}, which no step of the process sets; map it in the input mapping`,
      ),
    );
}

function inputOutput(element: Element): Element | undefined {
  const values = (element.get('extensionElements') as Element | undefined)?.get('values') as Element[] | undefined;
  return values?.find((v) => v.$type === 'camunda:InputOutput');
}

function inputParameters(element: Element): string[] {
  const io = inputOutput(element);
  return ((io?.get('inputParameters') as Element[] | undefined) ?? []).map((p) => String(p.get('name')));
}

/** Variables some step of the model, or the start of every instance, sets. */
function knownVariables(elements: Element[], context: BpmnRuleContext, topics: Record<string, TopicDefinition>): Set<string> {
  const known = new Set(processStartVariables);
  for (const element of elements) {
    const topic = isExternalCandidate(element) ? String(element.get('camunda:topic') ?? '') : '';
    if (Object.hasOwn(topics, topic)) Object.keys(topics[topic].outputs).forEach((v) => known.add(v));
    if (element.$instanceOf('bpmn:UserTask') || element.$type === 'bpmn:StartEvent') {
      const form = context.forms.find((f) => f.id === element.get('camunda:formRef'));
      form?.keys.forEach((k) => known.add(k));
    }
    if (element.$type === 'camunda:OutputParameter') known.add(String(element.get('name')));
    if (element.$type === 'camunda:FormField') known.add(String(element.get('id')));
    for (const name of ['camunda:resultVariable', 'camunda:elementVariable', 'camunda:errorCodeVariable', 'camunda:errorMessageVariable']) {
      const value = element.get(name);
      if (typeof value === 'string' && value) known.add(value);
    }
  }
  return known;
}

function userTaskProblems(task: Element, context: BpmnRuleContext): ModelProblem[] {
  const problems: ModelProblem[] = [];
  const id = task.id ?? null;
  const groups = String(task.get('camunda:candidateGroups') ?? '')
    .split(',')
    .map((g) => g.trim())
    .filter(Boolean);
  if (!groups.length) {
    problems.push(problem('candidate-group-required', id, `${id}：人工任务须指定候选组（角色）`, `${id}: a user task needs candidate groups (roles)`));
  }
  for (const group of groups.filter((g) => !isRole(g))) {
    problems.push(
      problem(
        'unknown-candidate-group',
        id,
        `${id}：候选组 "${group}" 不是系统角色（可用：${roles.join('、')}）`,
        `${id}: the candidate group "${group}" is not a role of the realm (known: ${roles.join(', ')})`,
      ),
    );
  }
  const formRef = String(task.get('camunda:formRef') ?? '').trim();
  if (!formRef) {
    problems.push(problem('form-required', id, `${id}：人工任务须引用表单（camunda:formRef）`, `${id}: a user task needs a form (camunda:formRef)`));
  } else if (!context.forms.some((f) => f.id === formRef)) {
    problems.push(problem('unknown-form', id, `${id}：表单 "${formRef}" 不存在`, `${id}: the form "${formRef}" does not exist`));
  }
  return problems;
}

function timerProblems(timer: Element, ownerId: string | null): ModelProblem[] {
  const id = ownerId ?? '（文件）';
  const set = timerKinds
    .map((kind) => ({ kind, body: (timer.get(kind) as Element | undefined)?.get('body') }))
    .filter((t): t is { kind: TimerKind; body: string } => typeof t.body === 'string' && t.body.trim() !== '');
  if (set.length !== 1) {
    return [problem('invalid-timer', ownerId, `${id}：定时器须且只能设置一个时间（日期、时长或周期）`, `${id}: a timer needs exactly one of date, duration or cycle`)];
  }
  const [{ kind, body }] = set;
  // An expression is checked by the expression rule; its value can only be checked when it runs.
  if (hasJuel(body) || isIsoTimer(kind, body.trim())) return [];
  const expected = { timeDuration: 'P3D', timeDate: '2026-01-31T09:00:00+08:00', timeCycle: 'R3/PT1H' }[kind];
  return [
    problem('invalid-timer', ownerId, `${id}：定时器的值 "${body}" 不是有效的 ISO 8601 格式（例如 ${expected}）`, `${id}: the timer value "${body}" is not valid ISO 8601 (e.g. ${expected})`),
  ];
}

function retryCycleProblems(element: Element, ownerId: string | null): ModelProblem[] {
  const body = String(element.get('body') ?? '').trim();
  if (hasJuel(body) || (body && body.split(',').every((part) => isIsoCycle(part.trim()) || isIsoDuration(part.trim())))) return [];
  const id = ownerId ?? '（文件）';
  return [problem('invalid-timer', ownerId, `${id}：重试周期 "${body}" 不是有效的 ISO 8601 格式（例如 R3/PT10M）`, `${id}: the retry cycle "${body}" is not valid ISO 8601 (e.g. R3/PT10M)`)];
}
