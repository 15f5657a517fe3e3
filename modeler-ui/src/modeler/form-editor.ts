import '@bpmn-io/form-js/dist/assets/form-js.css';
import '@bpmn-io/form-js/dist/assets/form-js-editor.css';
import '@bpmn-io/form-js/dist/assets/properties-panel.css';
import { FormEditor } from '@bpmn-io/form-js';

/** The form-js editor on one of bpmn/forms/*.form. */
export async function openFormEditor(container: HTMLElement, json: string): Promise<{ destroy(): void; saveSchema(): string }> {
  const editor = new FormEditor({ container });
  await editor.importSchema(JSON.parse(json));
  return {
    destroy: () => editor.destroy(),
    saveSchema: () => JSON.stringify(editor.saveSchema(), null, 2),
  };
}
