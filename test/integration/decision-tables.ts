import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot } from '../../src/repo-root';

export const dmnDir = join(repoRoot, 'bpmn', 'dmn');

/** What a test needs to know of one shipped decision table, read from the .dmn file itself. */
export interface DecisionTable {
  decisionId: string;
  hitPolicy: string;
  /** Input clause id → the variable its input expression reads. */
  inputVariables: Record<string, string>;
  ruleIds: string[];
}

// A few patterns instead of dmn-moddle: it is an ES module that jest's stack config does not transform.
const tag = (name: string, rest: string) => new RegExp(`<(?:[\\w-]+:)?${name}\\b${rest}`, 'g');
const idOf = '[^>]*?\\sid="([^"]+)"';

export function readDecisionTable(fileName: string): DecisionTable {
  const xml = readFileSync(join(dmnDir, fileName), 'utf8').replace(/<!--[\s\S]*?-->/g, '');
  const decisionIds = [...xml.matchAll(tag('decision', idOf))].map((m) => m[1]);
  if (decisionIds.length !== 1) throw new Error(`${fileName} should hold exactly one decision, has ${decisionIds.length}`);
  const inputs = [...xml.matchAll(tag('input', `${idOf}[^>]*>\\s*<(?:[\\w-]+:)?inputExpression\\b[^>]*>\\s*<(?:[\\w-]+:)?text>([^<]*)<`))];
  return {
    decisionId: decisionIds[0],
    // DMN's default hit policy when the attribute is left out.
    hitPolicy: tag('decisionTable', '[^>]*?\\shitPolicy="([^"]+)"').exec(xml)?.[1] ?? 'UNIQUE',
    inputVariables: Object.fromEntries(inputs.map((m) => [m[1], m[2].trim()])),
    ruleIds: [...xml.matchAll(tag('rule', idOf))].map((m) => m[1]),
  };
}
