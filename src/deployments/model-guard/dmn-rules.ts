import type { ModdleElement } from './model-libraries';
import { ModelProblem, problem, unsafeExpressionProblem } from './model-problem';
import { ExpressionDialect, hasJuel, unsafeExpression, unsafeJuelText } from './safe-expression';

type Element = ModdleElement & { $instanceOf(type: string): boolean };

/** The names Camunda 7 accepts for FEEL and JUEL; everything else is a script engine or unknown. */
const languages: Record<string, ExpressionDialect> = {
  feel: 'feel',
  'http://www.omg.org/spec/feel/20140401': 'feel',
  'https://www.omg.org/spec/dmn/20191111/feel/': 'feel',
  'http://www.omg.org/spec/dmn/20180521/feel/': 'feel',
  juel: 'juel',
};
const scriptLanguages = /^(javascript|js|ecmascript|graal\.js|groovy|python|jython|ruby|jruby|nashorn|kotlin)$/i;

/**
 * DMN: FEEL (Camunda's default) or simple JUEL only, and every expression — input expressions, input and
 * output entries, literal expressions — passes the same expression rule as BPMN.
 */
export function dmnProblems(definitions: ModdleElement): ModelProblem[] {
  const problems: ModelProblem[] = [];
  const defaultLanguage = languageOf(definitions as Element, definitions.id ?? null, problems);
  visit(definitions as Element, null, defaultLanguage ?? 'feel', problems);
  return problems;
}

function visit(element: Element, ownerId: string | null, inherited: ExpressionDialect, problems: ModelProblem[]): void {
  if (element.$type === 'dmndi:DMNDI') return;
  const owner = typeof element.id === 'string' ? element.id : ownerId;
  const dialect = element.$type === 'dmn:Definitions' ? inherited : (languageOf(element, owner, problems) ?? inherited);

  if (element.$type === 'dmn:FunctionDefinition' && element.get('kind') && element.get('kind') !== 'FEEL') {
    problems.push(problem('no-script', owner, `${owner}：不允许使用 ${String(element.get('kind'))} 函数`, `${owner}: ${String(element.get('kind'))} functions are not allowed`));
  }
  if (element.$instanceOf('dmn:LiteralExpression') || element.$instanceOf('dmn:UnaryTests')) {
    const text = element.get('text');
    if (typeof text === 'string' && text.trim()) {
      const reason = dialect === 'juel' && hasJuel(text) ? unsafeJuelText(text) : unsafeExpression(text, dialect);
      if (reason) problems.push(unsafeExpressionProblem(owner, text.trim(), reason));
    }
  }
  for (const property of element.$descriptor.properties) {
    if (property.isReference) continue;
    const value = element.get(property.name);
    for (const child of Array.isArray(value) ? value : [value]) {
      if (child && typeof child === 'object' && typeof (child as Element).$instanceOf === 'function') visit(child as Element, owner, dialect, problems);
    }
  }
}

/** The dialect an element declares, or null when it declares none (then its parent's holds). */
function languageOf(element: Element, ownerId: string | null, problems: ModelProblem[]): ExpressionDialect | null {
  const declared = element.$descriptor.properties.some((p) => p.name === 'expressionLanguage') ? element.get('expressionLanguage') : undefined;
  if (typeof declared !== 'string' || !declared.trim()) return null;
  const dialect = languages[declared.trim().toLowerCase()];
  if (dialect) return dialect;
  const where = ownerId ?? '（文件）';
  problems.push(
    scriptLanguages.test(declared.trim())
      ? problem('no-script', ownerId, `${where}：不允许使用脚本语言 ${declared}`, `${where}: the script language ${declared} is not allowed`)
      : problem('dmn-expression-language', ownerId, `${where}：表达式语言 ${declared} 不受支持，请使用 FEEL`, `${where}: the expression language ${declared} is not supported; use FEEL`),
  );
  return 'feel';
}
