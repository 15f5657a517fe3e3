import type { TopicDefinition } from '../../../workers/topic-registry';
import { lintProblems } from './bpmn-lint';
import { bpmnProblems } from './bpmn-rules';
import { dmnProblems } from './dmn-rules';
import { KnownForm, readForm, shippedForms } from './known-forms';
import { mandatoryStepProblems, shippedTemplateSteps } from './mandatory-steps';
import { bpmnParser, dmnParser, ParseResult } from './model-libraries';
import { ModelProblem, problem } from './model-problem';
import { checkRawDocument } from './raw-document';

export interface UploadedFile {
  name: string;
  content: Buffer | string;
}

/**
 * The first line of defence in front of the engine: every uploaded model is untrusted input. Raw-text checks
 * run before any parser sees the bytes; then the model is parsed (entities never reach the parser) and every
 * rule runs, so a designer gets the whole list of problems at once. An empty list means the file may be deployed.
 */
export class ModelGuard {
  constructor(private readonly options: { sharedForms?: () => KnownForm[]; topics?: Record<string, TopicDefinition> } = {}) {}

  /** `companions` are the other files of the same upload: a model may name a form uploaded with it. */
  async check(file: UploadedFile, companions: UploadedFile[] = []): Promise<ModelProblem[]> {
    const raw = checkRawDocument(file.name, file.content);
    if (!raw.ok) return raw.problems;

    let parsed: ParseResult;
    try {
      parsed = await (raw.kind === 'bpmn' ? bpmnParser() : dmnParser()).fromXML(raw.text);
    } catch (error) {
      const reason = error instanceof Error ? error.message.split('\n')[0] : String(error);
      return [problem('not-xml', null, `文件无法解析为 XML：${reason}`, `The file cannot be parsed as XML: ${reason}`)];
    }

    // What the parser could not place is what the rules below cannot see, so it is refused rather than trusted.
    const problems: ModelProblem[] = parsed.warnings.map((warning) => {
      const text = warning.message.split('\n')[0];
      const line = /line: (\d+)/.exec(warning.message)?.[1];
      const elementId = typeof warning.element?.id === 'string' ? warning.element.id : null;
      return problem(
        'unparsed-content',
        elementId,
        `无法识别的内容${line ? `（第 ${line} 行）` : ''}：${text}`,
        `Content the guard does not understand${line ? ` (line ${line})` : ''}: ${text}`,
      );
    });

    try {
      if (raw.kind === 'bpmn') {
        const uploadedForms = companions.filter((c) => c.name.endsWith('.form')).map((c) => readForm(c.name, c.content));
        const forms = [...uploadedForms.filter((f): f is KnownForm => f !== null), ...(this.options.sharedForms ?? shippedForms)()];
        problems.push(...bpmnProblems(parsed.rootElement, { forms, topics: this.options.topics }), ...(await lintProblems(parsed.rootElement)));
        problems.push(...mandatoryStepProblems(parsed.rootElement, await shippedTemplateSteps()));
      } else {
        problems.push(...dmnProblems(parsed.rootElement));
      }
    } catch (error) {
      // Fail closed: a model the rules cannot walk is refused, never passed and never a 500.
      const reason = error instanceof Error ? error.message : String(error);
      problems.push(problem('unparsed-content', null, `模型无法完整检查：${reason}`, `The model could not be checked completely: ${reason}`));
    }
    return unique(problems);
  }
}

function unique(problems: ModelProblem[]): ModelProblem[] {
  const seen = new Set<string>();
  return problems.filter((p) => {
    const key = `${p.elementId}\u0000${p.rule}\u0000${p.message.en}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
