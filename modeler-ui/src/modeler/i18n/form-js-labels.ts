// form-js 1.23 has no translate service: its texts reach the designer through the field registry,
// the properties providers and the context pad providers, so each of those gets our `translate` here.

import { addStaticOption, type EditField, type EntryServices, type FormField, translatedEntry } from './form-js-entries';

type Translate = (template: string, replacements?: Record<string, string | number>) => string;

interface FormFieldConfig {
  type: string;
  name?: string;
  label?: string | null;
  /** The new field's schema when it is dropped from the palette; sets an English default label. */
  create?: (options?: Record<string, unknown>) => Record<string, unknown>;
}
type FormFieldComponent = ((props: object) => unknown) & { config: FormFieldConfig };
interface FormFields {
  /** The registry has no public listing; form-js's own palette reads this map too. */
  _formFields: Record<string, FormFieldComponent>;
  get(type: string): FormFieldComponent | undefined;
  register(type: string, formField: FormFieldComponent): void;
}

/** Registers every field type again under its translated name: the palette and the panel header read `config.name`. */
class TranslatedFormFields {
  static $inject = ['formFields', 'translate'];

  constructor(formFields: FormFields, translate: Translate) {
    for (const [type, formField] of Object.entries(formFields._formFields)) {
      if (type !== 'default') formFields.register(type, renamed(formField, translate));
    }
  }
}

/** The same field component with a translated copy of its config; viewer and editor share the original config object. */
function renamed(formField: FormFieldComponent, translate: Translate): FormFieldComponent {
  const { config } = formField;
  // A function component called from another renders exactly as itself, hooks included.
  const translated = ((props: object) => formField(props)) as FormFieldComponent;
  const { create } = config;
  translated.config = {
    ...config,
    ...(config.name ? { name: translate(config.name) } : {}),
    ...(config.label ? { label: translate(config.label) } : {}),
    // A field dropped from the palette is labelled with its type's name: in the designer's language too.
    ...(create ? { create: (options: Record<string, unknown> = {}) => withTranslatedLabel(create(options), options, translate) } : {}),
  };
  return translated;
}

function withTranslatedLabel(field: Record<string, unknown>, options: Record<string, unknown>, translate: Translate): Record<string, unknown> {
  return 'label' in options || typeof field.label !== 'string' ? field : { ...field, label: translate(field.label) };
}

interface Entry {
  id?: string;
  label?: unknown;
  description?: unknown;
  optionsArray?: Array<{ label: string; value: unknown }>;
}
interface Group {
  id?: string;
  label?: unknown;
  tooltip?: unknown;
  translate?: Translate;
  entries?: Entry[];
  /** A list group's items (the static options), each with entries of its own. */
  items?: Array<{ entries?: Entry[] }>;
}

/**
 * Runs after form-js's provider (priority 1000): swaps the entries whose labels form-js hard-codes for ours
 * (form-js-entries.ts) and translates group titles and the labels the other entries take as props.
 */
class TranslatedPropertiesProvider {
  static $inject = ['propertiesPanel', 'translate', 'eventBus', 'debounce', 'pathRegistry', 'formLayoutValidator', 'formEditor'];

  private readonly services: EntryServices;

  constructor(
    propertiesPanel: { registerProvider(provider: object, priority: number): void },
    private readonly translate: Translate,
    eventBus: EntryServices['eventBus'],
    debounce: EntryServices['debounce'],
    pathRegistry: EntryServices['pathRegistry'],
    formLayoutValidator: EntryServices['formLayoutValidator'],
    formEditor: EntryServices['formEditor'],
  ) {
    this.services = { translate, eventBus, debounce, pathRegistry, formLayoutValidator, formEditor };
    propertiesPanel.registerProvider(this, 100);
  }

  getGroups(field: FormField, editField: EditField) {
    return (groups: Group[]) => groups.map((group) => this.group(group, field, editField));
  }

  private group(group: Group, field: FormField, editField: EditField): Group {
    return {
      ...group,
      label: this.text(group.label),
      tooltip: this.text(group.tooltip),
      // The panel's own group texts ("Toggle section", "Section contains edits") go through this prop.
      translate: this.translate,
      ...(group.entries ? { entries: this.entries(group.entries, field, editField) } : {}),
      ...(group.items
        ? { items: group.items.map((item) => (item.entries ? { ...item, entries: this.entries(item.entries, field, editField) } : item)) }
        : {}),
      // form-js's add button labels the new option "Value <n>" in English.
      ...(group.id === 'staticOptions' ? { add: addStaticOption(field, editField, this.translate) } : {}),
    };
  }

  private entries(entries: Entry[], field: FormField, editField: EditField): Entry[] {
    return entries.map((entry) => translatedEntry(entry, field, editField, this.services) ?? this.entry(entry));
  }

  private entry(entry: Entry): Entry {
    return {
      ...entry,
      ...(entry.label !== undefined ? { label: this.text(entry.label) } : {}),
      ...(entry.description !== undefined ? { description: this.text(entry.description) } : {}),
      ...(entry.optionsArray ? { optionsArray: entry.optionsArray.map((option) => ({ ...option, label: this.translate(option.label) })) } : {}),
    };
  }

  /** Only plain strings: some tooltips and descriptions are already rendered markup. */
  private text(value: unknown): unknown {
    return typeof value === 'string' && value ? this.translate(value) : value;
  }
}

interface ContextPadEntries {
  delete?: { title?: string };
}

/** Runs after form-js's delete action (priority 500): its title is "Remove <English type name>". */
class TranslatedContextPad {
  static $inject = ['formFieldContextActions', 'formFields', 'translate'];

  constructor(
    formFieldContextActions: { registerProvider(priority: number, provider: object): void },
    private readonly formFields: FormFields,
    private readonly translate: Translate,
  ) {
    formFieldContextActions.registerProvider(100, this);
  }

  getContextPadEntries(formField: { type: string }) {
    return (entries: ContextPadEntries): ContextPadEntries => {
      const name = this.formFields.get(formField.type)?.config.name;
      if (!entries.delete || !name) return entries;
      return { ...entries, delete: { ...entries.delete, title: this.translate('Remove {type}', { type: name }) } };
    };
  }
}

/** A form-js editor module; the editor's `translate` comes from `formTranslateModule`. */
export const formJsLabelsModule = {
  __init__: ['translatedFormFields', 'translatedPropertiesProvider', 'translatedContextPad'],
  translatedFormFields: ['type', TranslatedFormFields],
  translatedPropertiesProvider: ['type', TranslatedPropertiesProvider],
  translatedContextPad: ['type', TranslatedContextPad],
};
