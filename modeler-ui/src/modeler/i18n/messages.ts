import { language } from '../../i18n';

// The 流程设计 page's own strings; bpmn-io's strings are in zh-CN.ts and go through the translate module.
const zhCN = {
  'modeler.title': '流程设计',
  'modeler.open': '打开模型',
  'modeler.loading': '正在加载模型…',
  'modeler.kind.template': '省级模板',
  'modeler.kind.variant': '本区定制',
  'modeler.kind.dmn': '决策表',
  'modeler.kind.form': '表单',
  'modeler.kind.draft': '草稿',
  'modeler.customise': '为本区定制',
  'modeler.saveDraft': '保存草稿',
  'modeler.submitDraft': '提交审核',
  'modeler.download': '下载',
  'modeler.draftComment': '修改说明',
  'modeler.draftCommentDefault': '流程设计器保存',
  'modeler.draftStarted': '已为本区创建草稿',
  'modeler.draftSaved': '草稿已保存',
  'modeler.draftSubmitted': '草稿已提交审核',
  'modeler.draftsUnavailable': '草稿服务暂不可用（接口未部署），无法保存草稿。',
  'modeler.noDraftYet': '请先点击“为本区定制”创建草稿。',
  'modeler.problems': '检查结果',
  'modeler.problemsNone': '未发现问题',
  'modeler.problemsCount': '本地检查 {lint} 项，服务端校验 {server} 项',
  'modeler.lintSource': '本地检查',
  'modeler.serverSource': '服务端校验',
  'modeler.serverChecking': '正在进行服务端校验…',
  'modeler.serverFailed': '服务端校验暂不可用',
  'modeler.process': '（流程）',
  'modeler.tableFormNote': '决策表和表单可在此修改：点击“为本区定制”保存为本区草稿，提交审核后由区县信息化人员部署（连同使用它的流程）。',
  'modeler.unsupported': '无法打开此模型',
} as const;

export type ModelerMessageKey = keyof typeof zhCN;

const en: Record<ModelerMessageKey, string> = {
  'modeler.title': 'Process design',
  'modeler.open': 'Open model',
  'modeler.loading': 'Loading the model…',
  'modeler.kind.template': 'Provincial template',
  'modeler.kind.variant': 'District variant',
  'modeler.kind.dmn': 'Decision table',
  'modeler.kind.form': 'Form',
  'modeler.kind.draft': 'Draft',
  'modeler.customise': 'Customise for my district',
  'modeler.saveDraft': 'Save draft',
  'modeler.submitDraft': 'Submit for review',
  'modeler.download': 'Download',
  'modeler.draftComment': 'Change note',
  'modeler.draftCommentDefault': 'Saved from the modeler',
  'modeler.draftStarted': 'A draft for your district was created',
  'modeler.draftSaved': 'Draft saved',
  'modeler.draftSubmitted': 'Draft submitted for review',
  'modeler.draftsUnavailable': 'The drafts service is not available (endpoint missing); the draft cannot be saved.',
  'modeler.noDraftYet': 'Click “Customise for my district” to start a draft first.',
  'modeler.problems': 'Problems',
  'modeler.problemsNone': 'No problems found',
  'modeler.problemsCount': '{lint} from the local lint, {server} from the server check',
  'modeler.lintSource': 'Lint',
  'modeler.serverSource': 'Server',
  'modeler.serverChecking': 'Checking on the server…',
  'modeler.serverFailed': 'The server check is unavailable',
  'modeler.process': '(process)',
  'modeler.tableFormNote': 'Decision tables and forms can be edited here: “Customise for my district” saves a draft for your district; once reviewed, district IT deploys it together with the processes that use it.',
  'modeler.unsupported': 'This model cannot be opened',
};

export function mt(key: ModelerMessageKey, vars: Record<string, string | number> = {}): string {
  const text = language() === 'en' ? en[key] : zhCN[key];
  return text.replace(/\{(\w+)\}/g, (match, name: string) => (name in vars ? String(vars[name]) : match));
}
