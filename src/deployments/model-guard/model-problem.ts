import type { Bilingual } from '../../errors/app-error';

/** One thing the guard refuses in an uploaded model; elementId is null for problems of the whole file. */
export interface ModelProblem {
  elementId: string | null;
  rule: ModelRule;
  message: Bilingual;
}

/** The stable rule ids the guard answers with; the modeler's lint and the API tests rely on these names. */
export const modelRules = [
  'file-too-large',
  'no-doctype',
  'not-xml',
  'not-bpmn-or-dmn',
  'no-foreign-engine-namespace',
  'unparsed-content',
  'no-script',
  'no-java-class',
  'no-delegate-expression',
  'no-expression-hook',
  'no-connector',
  'external-task-required',
  'unknown-topic',
  'topic-input-missing',
  'candidate-group-required',
  'unknown-candidate-group',
  'form-required',
  'unknown-form',
  'invalid-timer',
  'unsafe-expression',
  'dmn-expression-language',
  'mandatory-step-removed',
  'mandatory-step-bypassed',
  'mandatory-step-changed',
  'lint',
  // Not the guard's own: a draft's first revision records where taking a template update kept the district's version.
  'template-merge-conflict',
] as const;

export type ModelRule = (typeof modelRules)[number];

export const problem = (rule: ModelRule, elementId: string | null, zh: string, en: string): ModelProblem => ({ elementId, rule, message: { zh, en } });

export function unsafeExpressionProblem(elementId: string | null, expression: string, reason: Bilingual): ModelProblem {
  const where = elementId ?? '（文件）';
  return problem('unsafe-expression', elementId, `${where}：表达式 ${expression} 不安全：${reason.zh}`, `${where}: the expression ${expression} is not safe: ${reason.en}`);
}
