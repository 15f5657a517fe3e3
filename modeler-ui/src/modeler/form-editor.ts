import '@bpmn-io/form-js/dist/assets/form-js.css';
import '@bpmn-io/form-js/dist/assets/form-js-editor.css';
import '@bpmn-io/form-js/dist/assets/properties-panel.css';
import { FormEditor } from '@bpmn-io/form-js';
import type { Language } from '../i18n';
import { formJsLabelsModule } from './i18n/form-js-labels';
import { formTranslateModule } from './i18n/translate';

/** The form-js editor on one of bpmn/forms/*.form, in the app's language. */
export async function openFormEditor(container: HTMLElement, json: string, language: Language): Promise<{ destroy(): void; saveSchema(): string }> {
  const editor = new FormEditor({ container, additionalModules: [formTranslateModule(language), formJsLabelsModule] });
  await editor.importSchema(JSON.parse(json));
  return {
    destroy: () => editor.destroy(),
    saveSchema: () => JSON.stringify(editor.saveSchema(), null, 2),
  };
}
