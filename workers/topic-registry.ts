/**
 * Every external-task topic xietong runs: its name, what it needs and what it gives back. The workers
 * subscribe from it, the deployment guard uses it as the allowlist, and the modeler's element templates
 * are generated from it.
 */
export type VariableType = 'string' | 'boolean' | 'number' | 'date' | 'json';

export interface VariableSpec {
  type: VariableType;
  label: string;
  required?: boolean;
}

export interface TopicDefinition {
  /** Chinese name, as a designer sees it in the palette. */
  name: string;
  description: string;
  inputs: Record<string, VariableSpec>;
  outputs: Record<string, VariableSpec>;
}

export const topicRegistry = {
  'intake.register': {
    name: '受理登记',
    description: 'Registers an intake: gives it the district’s next gapless case number and marks it registered.',
    inputs: { intakeId: { type: 'string', label: '线索ID', required: true } },
    outputs: { caseNumber: { type: 'string', label: '案件编号' } },
  },
  'intake.feedback': {
    name: '反馈',
    description: 'Records the result fed back to the source of the intake and closes it.',
    inputs: {
      intakeId: { type: 'string', label: '线索ID', required: true },
      handlingResult: { type: 'string', label: '处置情况' },
      resolved: { type: 'boolean', label: '问题已解决' },
    },
    outputs: { closedAt: { type: 'date', label: '办结时间' } },
  },
} as const satisfies Record<string, TopicDefinition>;

export type TopicName = keyof typeof topicRegistry;
export const topicNames = Object.keys(topicRegistry) as TopicName[];
