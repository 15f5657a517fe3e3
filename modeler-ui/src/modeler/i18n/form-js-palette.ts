// form-js 1.23 renders its palette (header, search, group titles, tooltips) with English texts, no translate hook
// and no props. This module replaces its `palette` service with one that renders the same markup through `translate`.
import { iconsByType, sanitizeImageSource } from '@bpmn-io/form-js';
import { type ComponentType, createElement as h, render } from 'preact';
import { useMemo, useRef, useState } from 'preact/hooks';

type Translate = (template: string, replacements?: Record<string, string | number>) => string;

interface FieldConfig {
  name?: string;
  label?: string | null;
  group?: string;
  icon?: ComponentType<Record<string, unknown>>;
  iconUrl?: string;
}

/** The editor's services the palette uses; form-js's palette reads the same ones through `useService`. */
interface PaletteServices {
  /** The registry has no public listing; form-js's own palette reads this map too. */
  formFields: { _formFields: Record<string, { config: FieldConfig }> };
  modeling: { addFormField(attrs: { type: string }, target: unknown, index: number): void };
  formEditor: { _getState(): { schema: { components: unknown[] } } };
  translate: Translate;
}

interface PaletteEntry {
  type: string;
  label: string;
  group?: string;
  icon?: FieldConfig['icon'];
  iconUrl?: string;
}

/** form-js's palette groups in its order; a field type names its group in `config.group`. */
const paletteGroups = [
  { id: 'basic-input', label: 'Input' },
  { id: 'selection', label: 'Selection' },
  { id: 'presentation', label: 'Presentation' },
  { id: 'container', label: 'Containers' },
  { id: 'action', label: 'Action' },
];

/** Every registered field type but the form itself, under the name our translated registry gives it. */
function paletteEntries({ _formFields }: PaletteServices['formFields']): PaletteEntry[] {
  return Object.entries(_formFields)
    .filter(([type]) => type !== 'default')
    .map(([type, { config }]) => ({ type, label: config.name || config.label || type, group: config.group, icon: config.icon, iconUrl: config.iconUrl }));
}

/** form-js's search: the term, spaces and case ignored, in the entry's name or its type. */
function matches(entry: PaletteEntry, term: string): boolean {
  const simple = (text: string) => text.toLowerCase().replace(/\s+/g, '');
  return simple(entry.label).includes(simple(term)) || simple(entry.type).includes(simple(term));
}

// form-js's search and clear icons; its palette does not export them.
const SearchIcon = () =>
  h('svg', { width: 15, height: 15, fill: 'none' }, h('path', { fill: 'currentColor', d: 'm14.5 13.793-3.776-3.776a5.508 5.508 0 1 0-.707.707l3.776 3.776zM2 6.5a4.5 4.5 0 1 1 9 0 4.5 4.5 0 0 1-9 0' }));
const ClearIcon = () =>
  h('svg', { width: 16, height: 16, fill: 'currentColor' }, h('path', { 'fill-rule': 'evenodd', d: 'm12 4.7-.7-.7L8 7.3 4.7 4l-.7.7L7.3 8 4 11.3l.7.7L8 8.7l3.3 3.3.7-.7L8.7 8z' }));

function EntryIcon({ entry }: { entry: PaletteEntry }) {
  if (entry.iconUrl) {
    return h('img', { class: 'fjs-field-icon-image', width: 36, style: { margin: 'auto' }, alt: entry.label, src: sanitizeImageSource(entry.iconUrl) });
  }
  const Icon = entry.icon ?? (iconsByType(entry.type) as FieldConfig['icon']);
  return Icon ? h(Icon, { class: 'fjs-palette-field-icon', width: '36', height: '36', viewBox: '0 0 54 54' }) : null;
}

/** One field type; form-js's dragging copies it by `fjs-drag-copy` and creates the type in `data-field-type`. */
function EntryButton({ entry, services }: { entry: PaletteEntry; services: PaletteServices }) {
  // As in form-js, Enter adds the field at the end of the form for keyboard users.
  const onKeyDown = (event: KeyboardEvent) => {
    if (event.code !== 'Enter') return;
    const { schema } = services.formEditor._getState();
    services.modeling.addFormField({ type: entry.type }, schema, schema.components.length);
  };
  const title = services.translate(entry.type === 'image' ? 'Create an {label} element' : 'Create a {label} element', { label: entry.label });
  return h(
    'button',
    { type: 'button', class: 'fjs-palette-field fjs-drag-copy fjs-no-drop', 'data-field-type': entry.type, title, onKeyDown },
    h(EntryIcon, { entry }),
    h('span', { class: 'fjs-palette-field-text' }, entry.label),
  );
}

/** form-js's Palette with our texts; the markup and classes are form-js's, so its styles and dragging apply. */
function Palette({ services }: { services: PaletteServices }) {
  const { translate } = services;
  const entries = useMemo(() => paletteEntries(services.formFields), [services]);
  const [term, setTerm] = useState('');
  const search = useRef<HTMLInputElement>(null);
  const shown = entries.filter((entry) => matches(entry, term));
  const groups = paletteGroups
    .map((group) => ({ ...group, entries: shown.filter((entry) => entry.group === group.id) }))
    .filter((group) => group.entries.length);
  const clear = () => {
    setTerm('');
    search.current?.focus();
  };

  return h(
    'div',
    { class: 'fjs-palette' },
    h('div', { class: 'fjs-palette-header', title: translate('Components') }, translate('Components')),
    h(
      'div',
      { class: 'fjs-palette-search-container' },
      h('span', { class: 'fjs-palette-search-icon' }, h(SearchIcon, {})),
      h('input', {
        class: 'fjs-palette-search',
        ref: search,
        type: 'text',
        placeholder: translate('Search components'),
        value: term,
        onInput: (event: Event) => setTerm((event.currentTarget as HTMLInputElement).value),
      }),
      term && h('button', { type: 'button', title: translate('Clear content'), class: 'fjs-palette-search-clear', onClick: clear }, h(ClearIcon, {})),
    ),
    h(
      'div',
      { class: 'fjs-palette-entries' },
      groups.map((group) =>
        h(
          'div',
          { class: 'fjs-palette-group', key: group.id, 'data-group-id': group.id },
          h('span', { class: 'fjs-palette-group-title' }, translate(group.label)),
          h(
            'div',
            { class: 'fjs-palette-fields fjs-drag-container fjs-no-drop' },
            group.entries.map((entry) => h(EntryButton, { key: entry.type, entry, services })),
          ),
        ),
      ),
      groups.length === 0 && h('div', { class: 'fjs-palette-no-entries' }, translate('No components found.')),
    ),
  );
}

interface EventBus {
  on(event: string, callback: () => void): void;
  fire(event: string): void;
}

/**
 * Stands in for form-js's `palette` service. The editor mounts its English palette in a section that listens to
 * `palette.detach`; once mounted it is told to step aside, and ours takes its place in the editor.
 */
class TranslatedPalette {
  static $inject = ['eventBus', 'config.renderer', 'formFields', 'modeling', 'formEditor', 'translate'];

  private readonly root = Object.assign(document.createElement('div'), { className: 'fjs-palette-container' });
  private parent: HTMLElement | null = null;

  constructor(
    eventBus: EventBus,
    renderer: { container: HTMLElement },
    formFields: PaletteServices['formFields'],
    modeling: PaletteServices['modeling'],
    formEditor: PaletteServices['formEditor'],
    translate: Translate,
  ) {
    const services = { formFields, modeling, formEditor, translate };
    eventBus.on('palette.section.rendered', () => {
      eventBus.fire('palette.detach');
      if (!this.parent) renderer.container.querySelector('.fjs-form-editor')?.prepend(this.root);
      render(h(Palette, { services }), this.root);
    });
    eventBus.on('form.destroy', () => render(null, this.root));
  }

  /** form-js's palette API: show the palette in an element of the host page instead of the editor. */
  attachTo(parent: HTMLElement): void {
    this.parent = parent;
    parent.append(this.root);
  }

  detach(): void {
    this.root.remove();
  }
}

/** A form-js editor module; overrides form-js's `palette` by name, so it must come after form-js's own modules. */
export const formJsPaletteModule = {
  __init__: ['palette'],
  palette: ['type', TranslatedPalette],
};
