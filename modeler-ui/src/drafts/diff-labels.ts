import { language } from '../i18n';

type Pair = [zh: string, en: string];

/** BPMN element types a reviewer meets, in their words. */
const types: Record<string, Pair> = {
  'bpmn:Process': ['流程', 'Process'],
  'bpmn:UserTask': ['人工任务', 'User task'],
  'bpmn:ServiceTask': ['自动任务', 'Service task'],
  'bpmn:SendTask': ['发送任务', 'Send task'],
  'bpmn:ReceiveTask': ['接收任务', 'Receive task'],
  'bpmn:BusinessRuleTask': ['决策任务', 'Business rule task'],
  'bpmn:CallActivity': ['调用子流程', 'Call activity'],
  'bpmn:SubProcess': ['子流程', 'Sub-process'],
  'bpmn:StartEvent': ['开始事件', 'Start event'],
  'bpmn:EndEvent': ['结束事件', 'End event'],
  'bpmn:IntermediateCatchEvent': ['中间事件', 'Intermediate event'],
  'bpmn:IntermediateThrowEvent': ['中间抛出事件', 'Intermediate throw event'],
  'bpmn:BoundaryEvent': ['边界事件', 'Boundary event'],
  'bpmn:ExclusiveGateway': ['排他网关', 'Exclusive gateway'],
  'bpmn:ParallelGateway': ['并行网关', 'Parallel gateway'],
  'bpmn:InclusiveGateway': ['包容网关', 'Inclusive gateway'],
  'bpmn:EventBasedGateway': ['事件网关', 'Event-based gateway'],
  'bpmn:SequenceFlow': ['连线', 'Sequence flow'],
  'bpmn:Error': ['错误定义', 'Error'],
  'bpmn:Message': ['消息定义', 'Message'],
  'bpmn:Signal': ['信号定义', 'Signal'],
};

/** The diff's stable property keys (see src/drafts/model-diff.ts). */
const properties: Record<string, Pair> = {
  type: ['类型', 'Type'],
  name: ['名称', 'Name'],
  documentation: ['说明', 'Documentation'],
  'camunda:candidateGroups': ['办理角色', 'Candidate groups'],
  'camunda:candidateUsers': ['办理人', 'Candidate users'],
  'camunda:assignee': ['指定办理人', 'Assignee'],
  'camunda:formRef': ['表单', 'Form'],
  'camunda:formRefBinding': ['表单绑定', 'Form binding'],
  'camunda:formKey': ['表单', 'Form key'],
  'camunda:type': ['实现方式', 'Implementation'],
  'camunda:topic': ['自动任务主题', 'Topic'],
  'camunda:dueDate': ['办理期限', 'Due date'],
  'camunda:priority': ['优先级', 'Priority'],
  'camunda:asyncBefore': ['异步（之前）', 'Async before'],
  'camunda:asyncAfter': ['异步（之后）', 'Async after'],
  'camunda:calledElementBinding': ['子流程版本绑定', 'Called element binding'],
  'camunda:historyTimeToLive': ['历史保留期', 'History time to live'],
  'camunda:decisionRef': ['决策表', 'Decision'],
  'camunda:resultVariable': ['结果变量', 'Result variable'],
  calledElement: ['调用的流程', 'Called process'],
  timer: ['定时', 'Timer'],
  condition: ['条件', 'Condition'],
  eventDefinition: ['事件定义', 'Event definition'],
  incoming: ['流入连线', 'Incoming flows'],
  outgoing: ['流出连线', 'Outgoing flows'],
  sourceRef: ['起点', 'Source'],
  targetRef: ['终点', 'Target'],
  default: ['默认分支', 'Default flow'],
  attachedToRef: ['附着于', 'Attached to'],
  cancelActivity: ['中断', 'Interrupting'],
  isExecutable: ['可执行', 'Executable'],
  'camunda:In': ['传入变量', 'Input variables'],
  'camunda:Out': ['传出变量', 'Output variables'],
};

const pick = ([zh, en]: Pair) => (language() === 'zh-CN' ? zh : en);

export function typeLabel(type: string): string {
  const known = types[type];
  return known ? pick(known) : type.replace(/^bpmn:/, '');
}

/** `property:xietong:mandatory` → 法定步骤依据, `input:x` → 输入参数 x, known keys by the table, the rest as sent. */
export function propertyLabel(key: string): string {
  if (key === 'property:xietong:mandatory') return pick(['法定步骤依据', 'Mandatory step (law)']);
  const prefixed = /^(property|input|output):(.+)$/.exec(key);
  if (prefixed) {
    const [, kind, name] = prefixed;
    const word = kind === 'property' ? pick(['扩展属性', 'Property']) : kind === 'input' ? pick(['输入参数', 'Input']) : pick(['输出参数', 'Output']);
    return `${word} ${name}`;
  }
  const known = properties[key.replace(/#\d+$/, '')];
  return known ? pick(known) : key;
}
