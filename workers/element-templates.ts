/**
 * Camunda 7 element templates for the modeler, one per registered topic, so a designer adds "受理登记"
 * as a ready external service task and cannot mistype its topic. Generated from the topic registry;
 * the checked-in file is regenerated from the repository root with
 *   npx tsx workers/element-templates.ts        (or `node dist/workers/element-templates.js` after the build)
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { repoRoot } from '../src/repo-root';
import { TopicDefinition, topicRegistry } from './topic-registry';

/** Bump when a topic's inputs or outputs change, so the modeler offers the update on tasks already using a template. */
export const TEMPLATE_VERSION = 1;

export const elementTemplatesFile = join(repoRoot, 'bpmn', 'element-templates', 'xietong-topics.json');

export type TemplateBinding =
  | { type: 'property'; name: string }
  | { type: 'camunda:inputParameter'; name: string }
  | { type: 'camunda:outputParameter'; source: string };

export interface TemplateProperty {
  label?: string;
  type: 'String' | 'Hidden';
  value: string;
  binding: TemplateBinding;
  constraints?: { notEmpty: true };
}

/** A Camunda 7 element template; without `$schema`, modelers take it as the Camunda 7 kind at the current schema version. */
export interface ElementTemplate {
  id: string;
  name: string;
  description: string;
  version: number;
  appliesTo: string[];
  properties: TemplateProperty[];
}

export const templateId = (topic: string): string => `xietong.topic.${topic}`;

export function elementTemplates(registry: Record<string, TopicDefinition>): ElementTemplate[] {
  return Object.entries(registry).map(([topic, definition]) => ({
    id: templateId(topic),
    name: definition.name,
    description: definition.description,
    version: TEMPLATE_VERSION,
    appliesTo: ['bpmn:ServiceTask'],
    properties: [
      { type: 'Hidden', value: 'external', binding: { type: 'property', name: 'camunda:type' } },
      { type: 'Hidden', value: topic, binding: { type: 'property', name: 'camunda:topic' } },
      ...Object.entries(definition.inputs).map(([variable, spec]): TemplateProperty => ({
        label: spec.label,
        type: 'String',
        // The common case is a process variable of the same name; the designer may map anything else.
        value: `\${${variable}}`,
        binding: { type: 'camunda:inputParameter', name: variable },
        ...(spec.required ? { constraints: { notEmpty: true as const } } : {}),
      })),
      ...Object.entries(definition.outputs).map(([variable, spec]): TemplateProperty => ({
        label: spec.label,
        type: 'String',
        // The value is the process variable the result lands in; same name unless the designer renames it.
        value: variable,
        binding: { type: 'camunda:outputParameter', source: `\${${variable}}` },
      })),
    ],
  }));
}

/** The file's exact text: two-space JSON, keys in the order built above, trailing newline. */
export const renderElementTemplates = (registry: Record<string, TopicDefinition>): string =>
  `${JSON.stringify(elementTemplates(registry), null, 2)}\n`;

if (require.main === module) {
  mkdirSync(dirname(elementTemplatesFile), { recursive: true });
  writeFileSync(elementTemplatesFile, renderElementTemplates(topicRegistry));
  console.log(`wrote ${Object.keys(topicRegistry).length} element templates to ${elementTemplatesFile}`);
}
