import { existsSync, readFileSync } from 'node:fs';
import { elementTemplates, elementTemplatesFile, renderElementTemplates } from './element-templates';
import { topicNames, topicRegistry } from './topic-registry';

/**
 * The rules of the Camunda 7 element templates JSON schema (@camunda/element-templates-json-schema,
 * src/defs/properties.json and the shared base.json) that the modeler enforces before it offers a template.
 */
const PROPERTY_TYPES_BY_BINDING: Record<string, string[]> = {
  property: ['String', 'Text', 'Hidden', 'Dropdown', 'Boolean'],
  'camunda:inputParameter': ['String', 'Text', 'Hidden', 'Dropdown'],
  'camunda:outputParameter': ['String', 'Hidden', 'Dropdown'],
};
const REQUIRED_BINDING_FIELD: Record<string, string> = {
  property: 'name',
  'camunda:inputParameter': 'name',
  'camunda:outputParameter': 'source',
};

function schemaProblems(template: Record<string, any>): string[] {
  const problems: string[] = [];
  for (const field of ['name', 'id'] as const) if (typeof template[field] !== 'string' || !template[field]) problems.push(`missing template ${field}`);
  if (template.description !== undefined && typeof template.description !== 'string') problems.push('description is not a string');
  if (template.version !== undefined && typeof template.version !== 'number') problems.push('version is not a number');
  if (!Array.isArray(template.appliesTo) || template.appliesTo.some((type: unknown) => typeof type !== 'string' || !/^.+?:/.test(type))) {
    problems.push('appliesTo is not a list of namespaced BPMN types');
  }
  if (!Array.isArray(template.properties)) return [...problems, 'missing properties=[]'];
  template.properties.forEach((property: Record<string, any>, index: number) => {
    const where = `properties[${index}]`;
    const binding = property.binding;
    if (!binding || typeof binding.type !== 'string') return problems.push(`${where} has no binding type`);
    const allowedTypes = PROPERTY_TYPES_BY_BINDING[binding.type];
    if (!allowedTypes) return problems.push(`${where} has a binding type we do not generate: ${binding.type}`);
    if (property.type !== undefined && !allowedTypes.includes(property.type)) problems.push(`${where}: type ${property.type} is not allowed for ${binding.type}`);
    if (typeof binding[REQUIRED_BINDING_FIELD[binding.type]] !== 'string') problems.push(`${where}: ${binding.type} needs ${REQUIRED_BINDING_FIELD[binding.type]}`);
    if (property.value !== undefined && !['string', 'boolean'].includes(typeof property.value)) problems.push(`${where}: value must be a string or boolean`);
    if (property.label !== undefined && typeof property.label !== 'string') problems.push(`${where}: label is not a string`);
    if (property.constraints !== undefined && typeof property.constraints.notEmpty !== 'boolean') problems.push(`${where}: constraints.notEmpty is not a boolean`);
  });
  return problems;
}

const fixedValue = (template: { properties: any[] }, name: string) =>
  template.properties.find((p) => p.type === 'Hidden' && p.binding.type === 'property' && p.binding.name === name)?.value;

describe(elementTemplates.name, () => {
  const sut = elementTemplates;

  it('matches the checked-in bpmn/element-templates/xietong-topics.json', () => {
    const checkedIn = existsSync(elementTemplatesFile) ? readFileSync(elementTemplatesFile, 'utf8') : '(missing)';
    const drift = checkedIn === renderElementTemplates(topicRegistry) ? null
      : 'bpmn/element-templates/xietong-topics.json is out of date with workers/topic-registry.ts; regenerate it with `npx tsx workers/element-templates.ts` and check it in';
    expect(drift).toBeNull();
  });

  it('gives every topic exactly one external service task template with the topic fixed', () => {
    const templates = sut(topicRegistry);

    expect(templates).toHaveLength(topicNames.length);
    for (const topic of topicNames) {
      const forTopic = templates.filter((t) => fixedValue(t, 'camunda:topic') === topic);
      expect(forTopic.map((t) => t.id)).toEqual([`xietong.topic.${topic}`]);
      expect(fixedValue(forTopic[0], 'camunda:type')).toBe('external');
      expect(forTopic[0].name).toBe(topicRegistry[topic].name);
    }
  });

  it('offers each input as a field defaulting to the same-named variable, required ones marked notEmpty', () => {
    const templates = sut(topicRegistry);

    for (const topic of topicNames) {
      const template = templates.find((t) => t.id === `xietong.topic.${topic}`)!;
      for (const [variable, spec] of Object.entries(topicRegistry[topic].inputs) as [string, { label: string; required?: boolean }][]) {
        const field = template.properties.find((p) => p.binding.type === 'camunda:inputParameter' && p.binding.name === variable);
        expect({ topic, variable, label: field?.label, value: field?.value, notEmpty: field?.constraints?.notEmpty ?? false })
          .toEqual({ topic, variable, label: spec.label, value: `\${${variable}}`, notEmpty: spec.required === true });
      }
      for (const variable of Object.keys(topicRegistry[topic].outputs)) {
        const output = template.properties.find((p) => p.binding.type === 'camunda:outputParameter' && p.value === variable);
        expect(output?.binding).toEqual({ type: 'camunda:outputParameter', source: `\${${variable}}` });
      }
    }
  });

  it('satisfies the Camunda 7 element templates schema rules', () => {
    const templates = sut(topicRegistry);

    expect(templates.map((t) => ({ id: t.id, problems: schemaProblems(t) }))).toEqual(templates.map((t) => ({ id: t.id, problems: [] })));
  });

  it('would notice a template the modeler refuses', () => {
    const [template] = sut(topicRegistry);
    const broken = { ...template, id: undefined, properties: [...template.properties, { type: 'String', value: 'x', binding: { type: 'camunda:outputParameter' } }] };

    expect(schemaProblems(broken)).toEqual(['missing template id', expect.stringContaining('camunda:outputParameter needs source')]);
  });
});
