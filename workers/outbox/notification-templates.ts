/**
 * The texts of the notifications the flows send, one per template key (the `template` input of the `notify` topic).
 * `{name}` is replaced by the process variable of that name; a variable the process does not have renders as "—".
 * Add a key here when a flow needs a new message; an unknown key still delivers the generic text below.
 */
export interface NotificationTemplate {
  title: string;
  text: string;
}

export const notificationTemplates: Record<string, NotificationTemplate> = {
  'intake.registered': { title: '线索已受理', text: '您反映的「{title}」已受理，编号{caseNumber}，我们将尽快处置。' },
  'intake.dispatched': { title: '新派单', text: '新派单：「{title}」（{caseNumber}），请于{dueAt}前处置并反馈。' },
  'intake.urge': { title: '催办提醒', text: '催办：「{title}」（{caseNumber}）办理期限为{dueAt}，请抓紧处置并反馈。' },
  'intake.overdue': { title: '督办提醒', text: '督办：「{title}」（{caseNumber}）已超过办理期限{dueAt}，请立即处置并说明原因。' },
  'intake.escalated': { title: '移交通知', text: '「{title}」（{caseNumber}）经中队处置未能解决，已移交区级业务主管部门。' },
  'intake.closed': { title: '办结反馈', text: '您反映的「{title}」（{caseNumber}）已办结，处置情况：{handlingResult}。' },
  'rapid-response.missed': { title: '1315响应超时', text: '1315快速响应超时：「{title}」（{caseNumber}）未在时限内完成{clock}，请指挥中心跟进。' },
  'case.review-requested': { title: '待审核案件', text: '案件「{title}」（{caseNumber}）待您审核。' },
  'case.returned': { title: '案件退回', text: '案件「{title}」（{caseNumber}）已退回，审核意见：{reviewComment}。' },
  'case.notice-to-party': { title: '行政处罚事先告知', text: '当事人{partyName}：您涉嫌的违法行为（{caseNumber}）拟予处罚，您依法享有陈述、申辩及听证的权利。' },
  'case.decided': { title: '处罚决定', text: '案件「{title}」（{caseNumber}）已作出处罚决定，请按决定书履行。' },
  'credit-repair.materials-missing': { title: '一次性告知', text: '您的信用修复申请（{caseNumber}）材料不全，请一次性补齐：{missingMaterials}。' },
  'credit-repair.reminder': { title: '补正提醒', text: '您的信用修复申请（{caseNumber}）尚待补正材料，请尽快提交，逾期未补正视为撤回申请。' },
  'credit-repair.withdrawn': { title: '信用修复申请已撤回', text: '您的信用修复申请（{caseNumber}）逾期未补正材料，视为撤回。如需修复，可重新申请。' },
  'credit-repair.supervise': { title: '信用修复办结督促', text: '信用修复申请（{caseNumber}）审核即将超期，请及时办结。' },
  'credit-repair.granted': { title: '信用修复通过', text: '您的信用修复申请（{caseNumber}）已准予修复，将依法公示。' },
  'credit-repair.refused': { title: '信用修复不予通过', text: '您的信用修复申请（{caseNumber}）不予修复，理由：{refusalReason}。' },
  'inspection.scheduled': { title: '综合查一次', text: '综合查一次：「{title}」已安排联合检查，请各部门按检查单到场。' },
  'inspection.rectification': { title: '限期整改', text: '「{title}」检查发现问题，请于{rectifyDueAt}前完成整改，届时复查。' },
  'inspection.closed': { title: '整改完成', text: '「{title}」复查合格，整改闭环。' },
};

export const genericTemplate: NotificationTemplate = { title: '协同执法通知', text: '您有一条新的协同执法通知：「{title}」（{subjectId}）。' };

const shanghaiTime = new Intl.DateTimeFormat('zh-CN', {
  timeZone: 'Asia/Shanghai',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  hour12: false,
});

function display(value: unknown): string {
  if (value === undefined || value === null || value === '') return '—';
  if (value instanceof Date) return shanghaiTime.format(value);
  if (typeof value === 'string' && /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/.test(value) && !Number.isNaN(Date.parse(value))) return shanghaiTime.format(new Date(value));
  if (typeof value === 'boolean') return value ? '是' : '否';
  return typeof value === 'object' ? JSON.stringify(value) : String(value);
}

/** The title and text of one notification from its template and the process variables. */
export function renderNotification(template: string, variables: Record<string, unknown>): NotificationTemplate & { known: boolean } {
  const known = Object.hasOwn(notificationTemplates, template);
  const chosen = known ? notificationTemplates[template] : genericTemplate;
  const fill = (text: string) => text.replace(/\{(\w+)\}/g, (_, name: string) => display(variables[name]));
  return { title: fill(chosen.title), text: fill(chosen.text), known };
}
