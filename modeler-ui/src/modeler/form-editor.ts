import '@bpmn-io/form-js/dist/assets/form-js.css';
import '@bpmn-io/form-js/dist/assets/form-js-editor.css';
import '@bpmn-io/form-js/dist/assets/properties-panel.css';
import { FormEditor } from '@bpmn-io/form-js';
import type { Language } from '../i18n';
import { formJsLabelsModule } from './i18n/form-js-labels';
import { formJsPaletteModule } from './i18n/form-js-palette';
import { formTranslateModule } from './i18n/translate';

/** A decision table or form editor as 流程设计 uses it: the model's text (DMN XML, form JSON) and its edits. */
export interface ModelTextEditor {
  destroy(): void;
  content(): Promise<string>;
  onChange(listener: () => void): void;
}

/** The form-js editor on one of bpmn/forms/*.form, in the app's language. */
export async function openFormEditor(container: HTMLElement, json: string, language: Language): Promise<ModelTextEditor> {
  const editor = new FormEditor({ container, additionalModules: [formTranslateModule(language), formJsLabelsModule, formJsPaletteModule] });
  await editor.importSchema(JSON.parse(json));
  return {
    destroy: () => editor.destroy(),
    content: async () => JSON.stringify(editor.saveSchema(), null, 2),
    onChange: (listener) => editor.on('changed', listener),
  };
}
