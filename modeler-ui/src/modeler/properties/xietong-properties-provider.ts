import { isSelectEntryEdited, SelectEntry } from '@bpmn-io/properties-panel';
import { useService } from 'bpmn-js-properties-panel';
import { getBusinessObject } from 'bpmn-js/lib/util/ModelUtil';

/** What the lists offer: realm roles with their label in the current language, forms with their Chinese names. */
export interface PropertiesCatalog {
  roles: Array<{ id: string; label: string }>;
  forms: Array<{ id: string; name: string }>;
}

type Element = { businessObject: { get(name: string): unknown } };
interface Entry {
  id: string;
  component: (props: { element: Element; id: string }) => unknown;
  isEdited?: (node: unknown) => boolean;
}
interface Group {
  id: string;
  entries?: Entry[];
}

const LOW_PRIORITY = 400;

/**
 * Replaces two free-text entries of the Camunda 7 provider with lists: candidate groups become one realm role,
 * the form becomes a form-js form from bpmn/forms bound to the same deployment (the project's conventions).
 */
export class XietongPropertiesProvider {
  static $inject = ['propertiesPanel', 'config.xietongCatalog'];

  constructor(propertiesPanel: { registerProvider(priority: number, provider: unknown): void }, private readonly catalog: PropertiesCatalog) {
    propertiesPanel.registerProvider(LOW_PRIORITY, this);
  }

  getGroups(element: Element) {
    return (groups: Group[]) => {
      const catalog = this.catalog;
      for (const group of groups) {
        // List groups (inputs, outputs, listeners) carry items, not entries.
        if (!Array.isArray(group.entries)) continue;
        const candidates = group.entries.findIndex((entry) => entry.id === 'candidateGroups');
        if (candidates >= 0) {
          group.entries[candidates] = { id: 'candidateGroups', component: (props) => CandidateGroupSelect({ ...props, catalog }), isEdited: isSelectEntryEdited };
        }
        if (group.id === 'CamundaPlatform__Form' && !getBusinessObject(element).get('camunda:formKey')) {
          group.entries = [{ id: 'formRef', component: (props) => FormRefSelect({ ...props, catalog }), isEdited: isSelectEntryEdited }];
        }
      }
      return groups;
    };
  }
}

function CandidateGroupSelect(props: { element: Element; id: string; catalog: PropertiesCatalog }) {
  const { element, catalog } = props;
  const modeling = useService('modeling');
  const translate = useService('translate');
  const current = () => String(getBusinessObject(element).get('camunda:candidateGroups') ?? '');
  return SelectEntry({
    element,
    id: 'candidateGroups',
    label: translate('Candidate groups'),
    getValue: current,
    setValue: (value: string) => modeling.updateProperties(element, { 'camunda:candidateGroups': value || undefined }),
    getOptions: () => withCurrent(current(), [{ value: '', label: translate('<none>') }, ...catalog.roles.map((role) => ({ value: role.id, label: `${role.label}（${role.id}）` }))]),
  });
}

function FormRefSelect(props: { element: Element; id: string; catalog: PropertiesCatalog }) {
  const { element, catalog } = props;
  const modeling = useService('modeling');
  const translate = useService('translate');
  const current = () => String(getBusinessObject(element).get('camunda:formRef') ?? '');
  return SelectEntry({
    element,
    id: 'formRef',
    label: translate('Form reference'),
    getValue: current,
    setValue: (value: string) =>
      modeling.updateProperties(element, {
        'camunda:formRef': value || undefined,
        // The engine resolves the form from the same deployment: variants ship the forms they use.
        'camunda:formRefBinding': value ? 'deployment' : undefined,
      }),
    getOptions: () => withCurrent(current(), [{ value: '', label: translate('<none>') }, ...catalog.forms.map((form) => ({ value: form.id, label: `${form.name}（${form.id}）` }))]),
  });
}

/** Keeps a value the list does not know visible (and flagged by lint) instead of silently showing "none". */
function withCurrent(value: string, options: Array<{ value: string; label: string }>) {
  return value && !options.some((option) => option.value === value) ? [...options, { value, label: `${value} ⚠` }] : options;
}

export const xietongPropertiesModule = {
  __init__: ['xietongPropertiesProvider'],
  xietongPropertiesProvider: ['type', XietongPropertiesProvider],
};
