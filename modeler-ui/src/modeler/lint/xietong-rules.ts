/** The modeler-side copy of the deployment guard's main rules, so a designer sees them while drawing. */
export interface XietongLintCatalog {
  roles: string[];
  forms: string[];
  topics: string[];
}

interface ModdleNode {
  id?: string;
  $type: string;
  $instanceOf(type: string): boolean;
  get(name: string): unknown;
}
interface Reporter {
  report(id: string | undefined, message: string): void;
}
type RuleFactory = (config: XietongLintCatalog) => { check(node: ModdleNode, reporter: Reporter): void };

const isoTimer = /^(R\d*\/)?(P(?!$)(\d+Y)?(\d+M)?(\d+W)?(\d+D)?(T(?=\d)(\d+H)?(\d+M)?(\d+(\.\d+)?S)?)?|\d{4}-\d{2}-\d{2}T[\d:.]+(Z|[+-]\d{2}:?\d{2})?)$/;
const dateVariable = /^\$\{\s*[A-Za-z_][\w]*\s*\}$/;

const userTask: RuleFactory = (catalog) => ({
  check(node, reporter) {
    if (!node.$instanceOf('bpmn:UserTask')) return;
    // A comma-separated list, as the engine and the server guard read it.
    const groups = String(node.get('camunda:candidateGroups') ?? '')
      .split(',')
      .map((group) => group.trim())
      .filter(Boolean);
    if (!groups.length) reporter.report(node.id, 'User task needs a candidate group');
    for (const group of groups.filter((g) => !catalog.roles.includes(g))) reporter.report(node.id, `Candidate group "${group}" is not a role`);
    const form = String(node.get('camunda:formRef') ?? '').trim();
    if (!form) reporter.report(node.id, 'User task needs a form');
    else if (!catalog.forms.includes(form)) reporter.report(node.id, `Form "${form}" does not exist`);
    else if (node.get('camunda:formRefBinding') !== 'deployment') reporter.report(node.id, 'Form binding must be deployment');
  },
});

const externalTask: RuleFactory = (catalog) => ({
  check(node, reporter) {
    if (node.$type !== 'bpmn:ServiceTask' && node.$type !== 'bpmn:SendTask') return;
    const topic = String(node.get('camunda:topic') ?? '').trim();
    if (node.get('camunda:type') !== 'external' || !topic) reporter.report(node.id, 'Service task must be an external task with a registered topic');
    else if (!catalog.topics.includes(topic)) reporter.report(node.id, `Topic "${topic}" is not registered`);
  },
});

const noCode: RuleFactory = () => ({
  check(node, reporter) {
    if (node.$type === 'bpmn:ScriptTask') reporter.report(node.id, 'Scripts are not allowed');
    if (!node.$instanceOf('bpmn:FlowElement')) return;
    if (['camunda:class', 'camunda:delegateExpression', 'camunda:expression'].some((name) => safeGet(node, name))) {
      reporter.report(node.id, 'Java classes, delegate expressions and expression hooks are not allowed');
    }
  },
});

const timer: RuleFactory = () => ({
  check(node, reporter) {
    if (!node.$instanceOf('bpmn:Event')) return;
    const definitions = (node.get('eventDefinitions') as ModdleNode[] | undefined) ?? [];
    for (const definition of definitions.filter((d) => d.$type === 'bpmn:TimerEventDefinition')) {
      const expression = ['timeDuration', 'timeDate', 'timeCycle'].map((name) => definition.get(name) as { body?: string } | undefined).find(Boolean);
      const value = String(expression?.body ?? '').trim();
      if (!isoTimer.test(value) && !dateVariable.test(value)) reporter.report(node.id, 'Timer needs an ISO 8601 value or a date variable');
    }
  },
});

function safeGet(node: ModdleNode, name: string): unknown {
  try {
    return node.get(name);
  } catch {
    return undefined;
  }
}

export const xietongRules: Record<string, RuleFactory> = {
  'user-task': userTask,
  'external-task': externalTask,
  'no-code': noCode,
  timer,
};
