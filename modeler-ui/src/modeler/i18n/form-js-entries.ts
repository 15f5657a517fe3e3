// form-js 1.23 hard-codes the English labels of its own properties entries. These entries replace the ones our
// forms use, with the same ids, paths and checks as upstream, built from @bpmn-io/properties-panel and `translate`.
import { getOptionsSource, getSchemaVariables, OPTIONS_SOURCES, OPTIONS_SOURCES_DEFAULTS, OPTIONS_SOURCES_LABELS, OPTIONS_SOURCES_PATHS } from '@bpmn-io/form-js';
import {
  CheckboxEntry,
  EventContext,
  FeelEntry,
  FeelNumberEntry,
  FeelTemplatingEntry,
  FeelToggleSwitchEntry,
  NumberFieldEntry,
  SelectEntry,
  TextFieldEntry,
  ToggleSwitchEntry,
} from '@bpmn-io/properties-panel';
import { type ComponentType, createElement as panelElement, Fragment as PanelFragment, render as renderPanel } from '@bpmn-io/properties-panel/preact';
import { createElement as formJsElement } from 'preact';
import { useLayoutEffect, useRef } from 'preact/hooks';

type Translate = (template: string, replacements?: Record<string, string | number>) => string;

export interface FormField {
  id: string;
  type: string;
  key?: string;
  validate?: Record<string, unknown>;
  layout?: Record<string, unknown>;
  values?: Array<{ label: string; value: string }>;
  [property: string]: unknown;
}
/** form-js's `editField`: one property by path, or several at once as an object. */
export type EditField = (field: FormField, path: string | string[] | Record<string, unknown>, value?: unknown) => void;

interface PathRegistry {
  getValuePath(field: FormField, options?: { replacements: Record<string, string[]> }): unknown;
  unclaimPath(path: unknown): void;
  claimPath(path: unknown, options: { isClosed: boolean; claimerId: string }): void;
  canClaimPath(path: unknown, options: { isClosed: boolean; claimerId: string }): boolean;
}

/** The form editor's services the entries need; the provider gets them injected. */
export interface EntryServices {
  translate: Translate;
  eventBus: { fire(event: string, payload?: unknown): void };
  debounce: (fn: (...args: unknown[]) => unknown) => unknown;
  pathRegistry: PathRegistry;
  formLayoutValidator: { validateField(field: FormField, columns: number | null): string | null };
  formEditor: { getSchema(): unknown };
}

interface EntryContext {
  field: FormField;
  editField: EditField;
  services: EntryServices;
}

/** A @bpmn-io/properties-panel entry component and the props to render it with. */
interface PanelEntryView {
  component: ComponentType<Record<string, unknown>>;
  props: Record<string, unknown>;
}

interface Replacement {
  appliesTo?: (field: FormField) => boolean;
  view: (context: EntryContext) => PanelEntryView;
}

/** The field's value at `path`, the way form-js's `get(field, path, fallback)` reads it. */
function valueAt(field: FormField, path: string[], fallback: unknown = undefined): unknown {
  let value: unknown = field;
  for (const segment of path) value = value == null ? undefined : (value as Record<string, unknown>)[segment];
  return value === undefined ? fallback : value;
}

/** FEEL autocompletion offers the variables the form already uses, as form-js's `useVariables` does. */
function variables({ formEditor }: EntryServices) {
  return getSchemaVariables(formEditor.getSchema() as Parameters<typeof getSchemaVariables>[0]).map((name: string) => ({ name }));
}

/** What every entry of ours shares: the field as `element`, its id, and the panel's debounce. */
function base(context: EntryContext, id: string) {
  return { element: context.field, id, debounce: context.services.debounce };
}

function fieldLabel(context: EntryContext): PanelEntryView {
  const { field, editField, services } = context;
  const label = ['group', 'dynamiclist'].includes(field.type) ? 'Group label' : 'Field label';
  return {
    component: FeelTemplatingEntry,
    props: {
      ...base(context, 'label'),
      label: services.translate(label),
      singleLine: true,
      variables: variables(services),
      translate: services.translate,
      getValue: () => valueAt(field, ['label'], ''),
      setValue: (value: string) => editField(field, ['label'], value || ''),
    },
  };
}

function fieldDescription(context: EntryContext): PanelEntryView {
  const { field, editField, services } = context;
  return {
    component: FeelTemplatingEntry,
    props: {
      ...base(context, 'description'),
      label: services.translate('Field description'),
      singleLine: true,
      variables: variables(services),
      translate: services.translate,
      getValue: () => valueAt(field, ['description'], ''),
      setValue: (value: string) => editField(field, ['description'], value),
    },
  };
}

/** The text of a text view: markdown with templating. */
function textViewText(context: EntryContext): PanelEntryView {
  const { field, editField, services } = context;
  const { translate } = services;
  const learnMore = panelElement(
    'a',
    { href: 'https://docs.camunda.io/docs/components/modeler/forms/form-element-library/forms-element-library-text/', target: '_blank', rel: 'noreferrer' },
    translate('Learn more'),
  );
  return {
    component: FeelTemplatingEntry,
    props: {
      ...base(context, 'text'),
      label: translate('Text'),
      description: panelElement(PanelFragment, null, translate('Supports markdown and templating.'), ' ', learnMore),
      hostLanguage: 'markdown',
      variables: variables(services),
      translate,
      getValue: () => valueAt(field, ['text'], ''),
      setValue: (value: string) => editField(field, ['text'], value || ''),
    },
  };
}

/** The key binds the field to a process variable; two fields must not claim the same variable path. */
function fieldKey(context: EntryContext): PanelEntryView {
  const { field, editField, services } = context;
  const { translate, pathRegistry } = services;
  const validate = (value: unknown): string | null => {
    if (value === field.key) return null;
    if (typeof value !== 'string' || value.length === 0) return translate('Must not be empty.');
    if (!/^\w+(\.\w+)*$/.test(value)) return translate('Must be a variable or a dot separated path.');
    if (value.split('.').some((segment) => /^\d+$/.test(segment))) return translate('Must not contain numerical path segments.');
    if (value.split('.').some((segment) => ['__proto__', 'prototype', 'constructor'].includes(segment))) return translate('Must not be a prohibited path.');
    // Same check as form-js: release the field's own path while asking whether the new one is free.
    const claim = { isClosed: true, claimerId: field.id };
    const oldPath = pathRegistry.getValuePath(field);
    const newPath = pathRegistry.getValuePath(field, { replacements: { [field.id]: value.split('.') } });
    pathRegistry.unclaimPath(oldPath);
    const canClaim = pathRegistry.canClaimPath(newPath, claim);
    pathRegistry.claimPath(oldPath, claim);
    return canClaim ? null : translate('Must not conflict with other key/path assignments.');
  };
  return {
    component: TextFieldEntry,
    props: {
      ...base(context, 'key'),
      label: translate('Key'),
      description: translate('Binds to a form variable'),
      tooltip: translate(
        'Use a unique "key" to link the form element and the related input/output data. When dealing with nested data, break it down in the user task\'s input mapping before using it.',
      ),
      getValue: () => valueAt(field, ['key'], ''),
      setValue: (value: string, error: string | null) => {
        if (!error) editField(field, ['key'], value);
      },
      validate,
    },
  };
}

/** The default of a checkbox, radio group or select is one of its options; other types keep form-js's entry. */
function defaultOption(context: EntryContext): PanelEntryView {
  const { field, editField, services } = context;
  const { translate } = services;
  const isCheckbox = field.type === 'checkbox';
  return {
    component: SelectEntry,
    props: {
      ...base(context, 'defaultValue'),
      label: translate('Default value'),
      getOptions: () =>
        isCheckbox
          ? [
              { value: 'true', label: translate('Checked') },
              { value: 'false', label: translate('Not checked') },
            ]
          : [{ value: '', label: translate('<none>') }, ...(field.values ?? [])],
      getValue: () => (isCheckbox ? String(field.defaultValue === true) : (field.defaultValue ?? '')),
      setValue: (value: string) => editField(field, ['defaultValue'], isCheckbox ? value === 'true' : value || undefined),
    },
  };
}

function disabled(context: EntryContext): PanelEntryView {
  const { field, editField, services } = context;
  return {
    component: ToggleSwitchEntry,
    props: {
      ...base(context, 'disabled'),
      label: services.translate('Disabled'),
      tooltip: services.translate(
        'Disable this field when it should not be interactive for end-users. Its data will not be submitted. This setting takes precedence over read-only.',
      ),
      inline: true,
      getValue: () => valueAt(field, ['disabled'], ''),
      setValue: (value: boolean) => editField(field, ['disabled'], value),
    },
  };
}

function readonly(context: EntryContext): PanelEntryView {
  const { field, editField, services } = context;
  return {
    component: FeelToggleSwitchEntry,
    props: {
      ...base(context, 'readonly'),
      label: services.translate('Read only'),
      tooltip: services.translate(
        'Make this field read-only when it cannot be edited by the end-user, but its content is important for them to see. Its data will still be submitted.',
      ),
      feel: 'optional',
      variables: variables(services),
      translate: services.translate,
      getValue: () => valueAt(field, ['readonly'], ''),
      setValue: (value: unknown) => editField(field, ['readonly'], value || false),
    },
  };
}

/** Sets one rule of `validate`, dropping it when emptied, as form-js's validation group does. */
function setRule(context: EntryContext, rule: string) {
  const { field, editField } = context;
  return (value: unknown) => {
    const { [rule]: _previous, ...others } = field.validate ?? {};
    editField(field, ['validate'], value === undefined ? others : { ...others, [rule]: value });
  };
}

function required(context: EntryContext): PanelEntryView {
  return {
    component: CheckboxEntry,
    props: {
      ...base(context, 'required'),
      label: context.services.translate('Required'),
      getValue: () => valueAt(context.field, ['validate', 'required']),
      setValue: setRule(context, 'required'),
    },
  };
}

function validationType(context: EntryContext): PanelEntryView {
  const { translate } = context.services;
  const current = () => valueAt(context.field, ['validate', 'validationType']);
  return {
    component: SelectEntry,
    props: {
      ...base(context, 'validationType'),
      label: translate('Validation pattern'),
      tooltip:
        current() === 'phone'
          ? translate('The built-in phone validation pattern is based on the E.164 standard with no spaces. Ex: +491234567890')
          : undefined,
      getOptions: () => [
        { value: '', label: translate('Custom') },
        { value: 'email', label: translate('Email') },
        { value: 'phone', label: translate('Phone') },
      ],
      getValue: current,
      setValue: (value: string) => setRule(context, 'validationType')(value || undefined),
    },
  };
}

/** minLength, maxLength, min and max: a number or a FEEL expression. */
function numericRule(rule: string, label: string, limits: Record<string, unknown>) {
  return (context: EntryContext): PanelEntryView => ({
    component: FeelNumberEntry,
    props: {
      ...base(context, rule),
      ...limits,
      label: context.services.translate(label),
      feel: 'optional',
      variables: variables(context.services),
      translate: context.services.translate,
      getValue: () => valueAt(context.field, ['validate', rule]),
      setValue: setRule(context, rule),
    },
  });
}

function textRule(rule: string, label: string, tooltip?: string) {
  return (context: EntryContext): PanelEntryView => ({
    component: TextFieldEntry,
    props: {
      ...base(context, rule),
      label: context.services.translate(label),
      tooltip: tooltip && context.services.translate(tooltip),
      getValue: () => valueAt(context.field, ['validate', rule]),
      setValue: setRule(context, rule),
    },
  });
}

/** "Hide if"; an expression field is never shown, so there it deactivates instead. */
function hideIf(context: EntryContext): PanelEntryView {
  const { field, editField, services } = context;
  const isExpression = field.type === 'expression';
  return {
    component: FeelEntry,
    props: {
      ...base(context, 'conditional-hide'),
      label: services.translate(isExpression ? 'Deactivate if' : 'Hide if'),
      description: services.translate(isExpression ? 'Condition under which the field is deactivated' : 'Condition under which the field is hidden'),
      feel: 'required',
      variables: variables(services),
      translate: services.translate,
      getValue: () => valueAt(field, ['conditional', 'hide'], ''),
      setValue: (value: string) => editField(field, 'conditional', value ? { hide: value } : undefined),
    },
  };
}

/** form-js's layout validator answers in English; these are all its messages. */
const layoutErrors: Array<[RegExp, string]> = [
  [/^Minimum (\d+) columns are allowed$/, 'Minimum {count} columns are allowed'],
  [/^Maximum (\d+) columns are allowed$/, 'Maximum {count} columns are allowed'],
  [/^New value exceeds the maximum of (\d+) columns per row$/, 'New value exceeds the maximum of {count} columns per row'],
  [/^Maximum (\d+) fields per row are allowed$/, 'Maximum {count} fields per row are allowed'],
];

function translatedLayoutError(message: string | null, translate: Translate): string | null {
  if (!message) return null;
  for (const [pattern, template] of layoutErrors) {
    const match = pattern.exec(message);
    if (match) return translate(template, { count: match[1] });
  }
  return message;
}

function columns(context: EntryContext): PanelEntryView {
  const { field, editField, services } = context;
  const { translate, formLayoutValidator } = services;
  const widths = Array.from({ length: 15 }, (_, i) => i + 2);
  return {
    component: SelectEntry,
    props: {
      ...base(context, 'columns'),
      label: translate('Columns'),
      getOptions: () => [{ value: '', label: translate('Auto') }, ...widths.map((width) => ({ value: width, label: String(width) }))],
      getValue: () => valueAt(field, ['layout', 'columns']),
      setValue: (value: string, error: string | null) => {
        if (!error) editField(field, ['layout'], { ...(field.layout ?? {}), columns: value ? parseInt(value, 10) : null });
      },
      validate: (value: string) => translatedLayoutError(formLayoutValidator.validateField(field, value ? parseInt(value, 10) : null), translate),
    },
  };
}

type OptionsSource = (typeof OPTIONS_SOURCES)[keyof typeof OPTIONS_SOURCES];

/** The entry form-js focuses once the options come from another source. */
const optionsSourceFocus: Record<OptionsSource, string> = {
  [OPTIONS_SOURCES.STATIC]: 'staticOptions-0-label',
  [OPTIONS_SOURCES.INPUT]: 'dynamicOptions-key',
  [OPTIONS_SOURCES.EXPRESSION]: 'optionsExpression-expression',
};

/** Where the options of a radio group, select or checklist come from; switching resets them to the source's default. */
function optionsSource(context: EntryContext): PanelEntryView {
  const { field, editField, services } = context;
  const { translate, eventBus } = services;
  const sources = Object.values(OPTIONS_SOURCES) as OptionsSource[];
  return {
    component: SelectEntry,
    props: {
      ...base(context, 'valuesSource-select'),
      label: translate('Type'),
      getOptions: () => sources.map((source) => ({ value: source, label: translate(OPTIONS_SOURCES_LABELS[source]) })),
      getValue: () => getOptionsSource(field),
      setValue: (source: OptionsSource) => {
        const initial = source === OPTIONS_SOURCES.STATIC ? [newOption([], translate)] : OPTIONS_SOURCES_DEFAULTS[source];
        editField(field, { [OPTIONS_SOURCES_PATHS[source][0]]: initial });
        // As form-js does: the panel needs a tick to render the new source's group before it can show its entry.
        setTimeout(() => eventBus.fire('propertiesPanel.showEntry', { id: optionsSourceFocus[source] }));
      },
    },
  };
}

/** form-js's new option, "Value <n>" / "value<n>" with the first free n, labelled in the designer's language. */
function newOption(values: Array<{ label: string; value: string }>, translate: Translate): { label: string; value: string } {
  const label = translate('Value');
  const taken = (n: number) => values.some((option) => option.label === `${label} ${n}` || option.value === `value${n}`);
  let n = values.length + 1;
  while (taken(n)) n++;
  return n > 1 ? { label: `${label} ${n}`, value: `value${n}` } : { label, value: 'value' };
}

/** The static options list's add button: appends a new option, as form-js's does. */
export function addStaticOption(field: FormField, editField: EditField, translate: Translate) {
  return (event: Event) => {
    event.stopPropagation();
    const values = field.values ?? [];
    editField(field, ['values'], [...values, newOption(values, translate)]);
  };
}

type OptionProperty = 'label' | 'value';

/** The label or value of one static option; each must be filled and unique among the options. */
function staticOption(index: number, property: OptionProperty) {
  return (context: EntryContext): PanelEntryView => {
    const { field, editField, services } = context;
    const { translate } = services;
    const values = field.values ?? [];
    const current = values[index]?.[property];
    const validate = (value: unknown): string | null => {
      if (value === current) return null;
      if (typeof value !== 'string' || value.length === 0) return translate('Must not be empty.');
      return values.some((option) => option[property] === value) ? translate('Must be unique.') : null;
    };
    const setValue = (value: string, error: string | null) => {
      if (error) return;
      // A default that pointed at the renamed value follows it, as in form-js.
      const followsDefault = property === 'value' && field.defaultValue != null && field.defaultValue === current;
      const edited = values.map((option, i) => (i === index ? { ...option, [property]: value } : option));
      editField(field, followsDefault ? { values: edited, defaultValue: value } : { values: edited });
    };
    return {
      component: TextFieldEntry,
      props: {
        ...base(context, `staticOptions-${index}-${property}`),
        label: translate(property === 'label' ? 'Label' : 'Value'),
        getValue: () => current,
        setValue,
        validate,
      },
    };
  };
}

/** The item entries of the static options list: `staticOptions-<index>-label` and `-value`. */
const staticOptionEntryId = /^staticOptions-(\d+)-(label|value)$/;

/** Text shown before or after a text field's or number's input; may use templating. */
function adorner(id: string, property: string, label: string) {
  return (context: EntryContext): PanelEntryView => {
    const { field, editField, services } = context;
    return {
      component: FeelTemplatingEntry,
      props: {
        ...base(context, id),
        label: services.translate(label),
        singleLine: true,
        variables: variables(services),
        translate: services.translate,
        getValue: () => valueAt(field, ['appearance', property]),
        setValue: (value: string) => editField(field, ['appearance'], { ...((field.appearance as object | undefined) ?? {}), [property]: value }),
      },
    };
  };
}

/** form-js's `isValidNumber`: a number, or a string that reads as one. */
function isValidNumber(value: unknown): value is number | string {
  return (typeof value === 'number' || typeof value === 'string') && value !== '' && !isNaN(Number(value));
}

/** Digits after the decimal point of a plain decimal, trailing zeros ignored. */
function decimalsOf(value: string): number {
  const fraction = value.trim().split('.')[1] ?? '';
  return fraction.replace(/0+$/, '').length;
}

function decimalDigits(context: EntryContext): PanelEntryView {
  const { field, editField, services } = context;
  const { translate } = services;
  const validate = (value: unknown): string | null => {
    if (typeof value !== 'number') return null;
    if (!Number.isInteger(value)) return translate('Should be an integer.');
    return value < 0 ? translate('Should be greater than or equal to zero.') : null;
  };
  return {
    component: NumberFieldEntry,
    props: {
      ...base(context, 'undefined-decimalDigits'),
      label: translate('Decimal digits'),
      step: 'any',
      getValue: () => valueAt(field, ['decimalDigits']),
      setValue: (value: unknown, error: string | null) => {
        if (!error) editField(field, ['decimalDigits'], value);
      },
      validate,
    },
  };
}

/** The step of the number's arrows: positive, and no finer than its decimal digits allow. */
function increment(context: EntryContext): PanelEntryView {
  const { field, editField, services } = context;
  const { translate } = services;
  const digits = field.decimalDigits as number | undefined;
  const validate = (value: unknown): string | null => {
    if (value === undefined || value === null) return null;
    if (!isValidNumber(value)) return translate('Should be a valid number.');
    if (Number(value) <= 0) return translate('Should be greater than zero.');
    if (digits || digits === 0) {
      if (Number(value) < 10 ** -digits) return translate('Should be at least {minimum}.', { minimum: 10 ** -digits });
      if (decimalsOf(String(value)) > digits) return translate('Should not contain more than {digits} decimal digits.', { digits });
    }
    return null;
  };
  // form-js stores "0.5" for "00.5" and ".5".
  const withoutLeadingZeros = (value: string) => {
    if (!value) return value;
    const trimmed = value.replace(/^0+/g, '');
    return (trimmed.startsWith('.') ? '0' : '') + trimmed;
  };
  return {
    component: TextFieldEntry,
    props: {
      ...base(context, 'undefined-step'),
      label: translate('Increment'),
      getValue: () => {
        const value = valueAt(field, ['increment']);
        return isValidNumber(value) ? value : null;
      },
      setValue: (value: string, error: string | null) => {
        if (!error) editField(field, ['increment'], withoutLeadingZeros(value));
      },
      validate,
    },
  };
}

/** Submits the number as a string; the default value changes type along with it. */
function serializeToString(context: EntryContext): PanelEntryView {
  const { field, editField, services } = context;
  const { defaultValue } = field;
  return {
    component: CheckboxEntry,
    props: {
      ...base(context, 'serialize-to-string'),
      label: services.translate('Output as string'),
      description: services.translate('Allows arbitrary precision values'),
      getValue: () => valueAt(field, ['serializeToString'], ''),
      setValue: (value: boolean) => {
        if (defaultValue || defaultValue === 0) editField(field, ['defaultValue'], value ? String(defaultValue) : Number(defaultValue));
        editField(field, ['serializeToString'], value);
      },
    },
  };
}

/** Our entries by form-js entry id: those of the field types in bpmn/forms. */
const replacements: Record<string, Replacement> = {
  label: { view: fieldLabel },
  description: { view: fieldDescription },
  key: { view: fieldKey },
  text: { view: textViewText },
  defaultValue: { appliesTo: (field) => ['checkbox', 'radio', 'select'].includes(field.type), view: defaultOption },
  disabled: { view: disabled },
  readonly: { view: readonly },
  required: { view: required },
  validationType: { view: validationType },
  minLength: { view: numericRule('minLength', 'Minimum length', { min: 0 }) },
  maxLength: { view: numericRule('maxLength', 'Maximum length', { min: 0 }) },
  min: { view: numericRule('min', 'Minimum', { step: 'any' }) },
  max: { view: numericRule('max', 'Maximum', { step: 'any' }) },
  pattern: { view: textRule('pattern', 'Custom regular expression') },
  patternErrorMessage: {
    view: textRule('patternErrorMessage', 'Custom error message', 'The error message to display when the input does not match the regular expression.'),
  },
  'conditional-hide': { view: hideIf },
  columns: { view: columns },
  'valuesSource-select': { view: optionsSource },
  'prefix-adorner': { view: adorner('prefix-adorner', 'prefixAdorner', 'Prefix') },
  'suffix-adorner': { view: adorner('suffix-adorner', 'suffixAdorner', 'Suffix') },
  // form-js builds the number entries' ids from an id it is never given.
  'undefined-decimalDigits': { view: decimalDigits },
  'undefined-step': { view: increment },
  'serialize-to-string': { view: serializeToString },
};

function replacementFor(id: string): Replacement | undefined {
  const option = staticOptionEntryId.exec(id);
  return option ? { view: staticOption(Number(option[1]), option[2] as OptionProperty) } : replacements[id];
}

interface PanelEntryProps {
  panelView: () => PanelEntryView;
  eventBus: unknown;
}

/**
 * Hosts one @bpmn-io/properties-panel entry inside form-js's panel. That package renders with its own copy of preact
 * and form-js with another, so the entry gets a render root of its own, and the form editor's event bus for its FEEL popup.
 */
function PanelEntry({ panelView, eventBus }: PanelEntryProps) {
  const host = useRef<HTMLDivElement>(null);
  useLayoutEffect(() => {
    const { component, props } = panelView();
    renderPanel(panelElement(EventContext.Provider, { value: { eventBus } }, panelElement(component, props)), host.current!);
  });
  useLayoutEffect(() => {
    const node = host.current!;
    return () => renderPanel(null, node);
  }, []);
  // `display: contents` keeps the entry a direct child of the group for the panel's layout.
  return formJsElement('div', { ref: host, style: { display: 'contents' } });
}

/** Our entry in place of form-js's one with the same id, keeping its visibility and isEdited; undefined if we have none. */
export function translatedEntry<E extends { id?: string }>(entry: E, field: FormField, editField: EditField, services: EntryServices): E | undefined {
  const replacement = entry.id === undefined ? undefined : replacementFor(entry.id);
  if (!replacement || (replacement.appliesTo && !replacement.appliesTo(field))) return undefined;
  const context = { field, editField, services };
  return { ...entry, component: PanelEntry, panelView: () => replacement.view(context), eventBus: services.eventBus };
}
