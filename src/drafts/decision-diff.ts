import { dmnParser, type ModdleElement } from '../deployments/model-guard/model-libraries';

/** One cell of a rule: the column's label (its name when it has no label) and the entry's text. */
export interface RuleEntry {
  column: string;
  text: string;
}

/** A rule as the reviewer reads it: which table, its id and description, and every input and output entry. */
export interface DiffRule {
  decisionId: string;
  decisionName: string | null;
  ruleId: string;
  description: string | null;
  inputs: RuleEntry[];
  outputs: RuleEntry[];
}

/** One cell (or the description) of a rule that differs; `null` where the column does not exist on that side. */
export interface EntryChange {
  column: string;
  before: string | null;
  after: string | null;
}

export interface ChangedRule {
  decisionId: string;
  decisionName: string | null;
  ruleId: string;
  /** The rule's description after the change, which names it for the reviewer better than its generated id. */
  description: string | null;
  changes: EntryChange[];
}

/** The rules of every decision table, added, removed or changed, matched by decision id and rule id. */
export interface DecisionDiff {
  added: DiffRule[];
  removed: DiffRule[];
  changed: ChangedRule[];
}

type Element = ModdleElement;

interface Column {
  id: string;
  label: string;
}

interface TableRule {
  rule: DiffRule;
  /** Entry text by column id, so a new column shows as a change instead of shifting every cell. */
  cells: Map<string, { column: string; text: string }>;
}

const DESCRIPTION = '说明 description';

/** Compares two DMN documents rule by rule. Throws when either is not DMN. */
export async function diffDecisions(baseXml: string, changedXml: string): Promise<DecisionDiff> {
  const [base, changed] = await Promise.all([rulesOf(baseXml), rulesOf(changedXml)]);
  const added = [...changed.entries()].filter(([key]) => !base.has(key)).map(([, r]) => r.rule);
  const removed = [...base.entries()].filter(([key]) => !changed.has(key)).map(([, r]) => r.rule);
  const changes: ChangedRule[] = [];
  for (const [key, after] of changed) {
    const before = base.get(key);
    if (!before) continue;
    const cells = compareCells(before, after);
    if (cells.length) {
      const { decisionId, decisionName, ruleId, description } = after.rule;
      changes.push({ decisionId, decisionName, ruleId, description, changes: cells });
    }
  }
  return { added, removed, changed: changes };
}

function compareCells(before: TableRule, after: TableRule): EntryChange[] {
  const changes: EntryChange[] = [];
  if ((before.rule.description ?? '') !== (after.rule.description ?? '')) changes.push({ column: DESCRIPTION, before: before.rule.description, after: after.rule.description });
  for (const id of new Set([...before.cells.keys(), ...after.cells.keys()])) {
    const was = before.cells.get(id);
    const now = after.cells.get(id);
    if (was?.text !== now?.text) changes.push({ column: (now ?? was)!.column, before: was?.text ?? null, after: now?.text ?? null });
  }
  return changes;
}

/** Every rule of every decision table, keyed by `decisionId/ruleId`. */
async function rulesOf(xml: string): Promise<Map<string, TableRule>> {
  const { rootElement } = await dmnParser().fromXML(xml);
  if (rootElement.$type !== 'dmn:Definitions') throw new Error('not a DMN document');
  const found = new Map<string, TableRule>();
  for (const decision of list(rootElement, 'drgElement').filter((e) => e.$type === 'dmn:Decision')) {
    const table = decision.get('decisionLogic') as Element | undefined;
    if (table?.$type !== 'dmn:DecisionTable') continue;
    const inputs = list(table, 'input').map((c, i) => column(c, text(c.get('inputExpression') as Element | undefined) || `input ${i + 1}`));
    const outputs = list(table, 'output').map((c, i) => column(c, String(c.get('name') ?? '') || `output ${i + 1}`));
    const decisionName = typeof decision.get('name') === 'string' && decision.get('name') ? String(decision.get('name')) : null;
    for (const rule of list(table, 'rule')) {
      const entries = (columns: Column[], values: Element[]) => columns.map((c, i) => ({ id: c.id, column: c.label, text: text(values[i]) }));
      const inputEntries = entries(inputs, list(rule, 'inputEntry'));
      const outputEntries = entries(outputs, list(rule, 'outputEntry'));
      const description = String(rule.get('description') ?? '').trim() || null;
      const diffRule: DiffRule = {
        decisionId: String(decision.id),
        decisionName,
        ruleId: String(rule.id),
        description,
        inputs: inputEntries.map(({ column: c, text: t }) => ({ column: c, text: t })),
        outputs: outputEntries.map(({ column: c, text: t }) => ({ column: c, text: t })),
      };
      const cells = new Map([...inputEntries, ...outputEntries].map((e) => [e.id, { column: e.column, text: e.text }]));
      found.set(`${diffRule.decisionId}/${diffRule.ruleId}`, { rule: diffRule, cells });
    }
  }
  return found;
}

const list = (element: Element, property: string): Element[] => (element.get(property) as Element[] | undefined) ?? [];

const text = (element: Element | undefined): string => String(element?.get('text') ?? '').trim();

/** A column is matched by its id; a reviewer reads its label. */
const column = (clause: Element, fallback: string): Column => ({ id: String(clause.id ?? fallback), label: String(clause.get('label') ?? '').trim() || fallback });
