import type { Bilingual } from '../../errors/app-error';

/**
 * The expression rule: an expression in an uploaded model may use variables, literals, comparisons, arithmetic,
 * logical operators, `empty`, `not` and the ternary operator — nothing else. No method or function calls, no
 * property or index access at all (a.b on a Java object is a getter call, so it reaches anything), no bean or
 * engine objects (execution, task, *Service, …) and no capitalised names (classes such as Runtime).
 * An allowlist of tokens, so anything JUEL or FEEL may add later is refused until someone allows it here.
 */
export type ExpressionDialect = 'juel' | 'feel';

/** Names that resolve to engine or Spring objects rather than process variables. */
const contextObjects = new Set([
  'execution',
  'task',
  'externalTask',
  'caseExecution',
  'variableScope',
  'connector',
  'environment',
  'applicationContext',
  'systemProperties',
  'systemEnvironment',
  'processEngine',
  'processEngineServices',
  'processEngineConfiguration',
  'class',
  'getClass',
]);
const beanLikeName = /(Service|Services|Bean|Context|Configuration|Factory|Manager|Engine|Provider|Repository|Template|Runtime)$/;

const juelKeywords = new Set(['true', 'false', 'null', 'empty', 'not', 'and', 'or', 'eq', 'ne', 'lt', 'gt', 'le', 'ge', 'div', 'mod']);
const feelKeywords = new Set(['true', 'false', 'null', 'not', 'and', 'or', 'between', 'in', 'if', 'then', 'else']);
/** FEEL built-ins that only build values (dates, durations) or negate a test. */
const feelCalls = new Set(['not', 'date', 'time', 'duration']);

const juelOperators = ['==', '!=', '<=', '>=', '&&', '||', '<', '>', '!', '+', '-', '*', '/', '%', '?', ':', '(', ')'];
const feelOperators = ['..', '?', '!=', '<=', '>=', '<', '>', '=', '+', '-', '*', '/', '(', ')', '[', ']', ','];

const refused = (zh: string, en: string): Bilingual => ({ zh, en });

/** The `${…}` / `#{…}` parts of a JUEL composite text, or null when one is not closed. */
export function embeddedJuel(text: string): string[] | null {
  const found: string[] = [];
  let i = 0;
  while (i < text.length) {
    const start = text.indexOf('{', i);
    if (start < 0) break;
    if (start === 0 || (text[start - 1] !== '$' && text[start - 1] !== '#')) {
      i = start + 1;
      continue;
    }
    let quote: string | null = null;
    let end = -1;
    for (let j = start + 1; j < text.length; j++) {
      const c = text[j];
      if (quote) {
        if (c === '\\') j++;
        else if (c === quote) quote = null;
      } else if (c === '"' || c === "'") quote = c;
      else if (c === '}') {
        end = j;
        break;
      }
    }
    if (end < 0) return null;
    found.push(text.slice(start + 1, end));
    i = end + 1;
  }
  return found;
}

export const hasJuel = (text: string): boolean => /[$#]\{/.test(text);

/** Why a JUEL composite text (literal text with `${…}` parts) is unsafe, or null when it is safe. */
export function unsafeJuelText(text: string): Bilingual | null {
  const parts = embeddedJuel(text);
  if (!parts) return refused('表达式缺少结束的 }', 'an expression is not closed with }');
  for (const part of parts) {
    const reason = unsafeExpression(part, 'juel');
    if (reason) return reason;
  }
  return null;
}

/** Why one bare expression (the inside of `${…}`, or a FEEL expression) is unsafe, or null when it is safe. */
export function unsafeExpression(source: string, dialect: ExpressionDialect): Bilingual | null {
  const keywords = dialect === 'juel' ? juelKeywords : feelKeywords;
  const operators = dialect === 'juel' ? juelOperators : feelOperators;
  let previous: 'name' | 'value' | 'operator' | 'close' = 'operator';
  let previousName = '';
  let i = 0;
  while (i < source.length) {
    const c = source[i];
    if (/\s/.test(c)) {
      i++;
      continue;
    }
    if (c === '"' || (c === "'" && dialect === 'juel')) {
      let j = i + 1;
      while (j < source.length && source[j] !== c) j += source[j] === '\\' ? 2 : 1;
      if (j >= source.length) return refused('字符串没有结束引号', 'a string literal is not closed');
      i = j + 1;
      previous = 'value';
      continue;
    }
    const number = /^\d+(\.\d+)?([eE][+-]?\d+)?/.exec(source.slice(i));
    if (number) {
      i += number[0].length;
      previous = 'value';
      continue;
    }
    const name = /^[A-Za-z_][A-Za-z0-9_]*/.exec(source.slice(i));
    if (name) {
      const word = name[0];
      i += word.length;
      if (keywords.has(word)) {
        previous = ['true', 'false', 'null'].includes(word) ? 'value' : 'operator';
        previousName = word;
        continue;
      }
      if (dialect === 'feel' && (word === 'function' || word === 'external')) return refused(`不允许定义函数（${word}）`, `function definitions are not allowed (${word})`);
      if (/^[A-Z]/.test(word)) return refused(`不允许引用类或以大写字母开头的名称：${word}`, `classes and capitalised names are not allowed: ${word}`);
      if (contextObjects.has(word) || beanLikeName.test(word)) return refused(`不允许引用引擎或 Bean 对象：${word}`, `engine or bean objects are not allowed: ${word}`);
      previous = 'name';
      previousName = word;
      continue;
    }
    // Lambdas (EL 3.0) would read as minus and greater-than: refuse them by name.
    const operator = source.startsWith('->', i) ? undefined : operators.find((op) => source.startsWith(op, i));
    if (!operator) return refused(`不允许的字符或写法：${source.slice(i, i + 12)}`, `not allowed: ${source.slice(i, i + 12)}`);
    if (operator === '(') {
      const feelBuiltIn = dialect === 'feel' && feelCalls.has(previousName);
      if (previous === 'name' && !feelBuiltIn) return refused(`不允许调用方法或函数：${previousName}(…)`, `method and function calls are not allowed: ${previousName}(…)`);
      if ((previous === 'value' || previous === 'close') && dialect === 'juel') return refused('不允许调用方法或函数', 'method and function calls are not allowed');
    }
    previous = operator === ')' || operator === ']' ? 'close' : 'operator';
    previousName = '';
    i += operator.length;
  }
  return null;
}
