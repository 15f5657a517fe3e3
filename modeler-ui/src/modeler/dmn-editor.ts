import 'dmn-js/dist/assets/diagram-js.css';
import 'dmn-js/dist/assets/dmn-js-shared.css';
import 'dmn-js/dist/assets/dmn-js-drd.css';
import 'dmn-js/dist/assets/dmn-js-decision-table.css';
import 'dmn-js/dist/assets/dmn-js-decision-table-controls.css';
import 'dmn-js/dist/assets/dmn-js-literal-expression.css';
import 'dmn-js/dist/assets/dmn-font/css/dmn-embedded.css';
import DmnModeler from 'dmn-js/lib/Modeler';
import type { Language } from '../i18n';
import type { ModelTextEditor } from './form-editor';
import { translateModule } from './i18n/translate';

/** dmn-js opened on the decision table itself (triage, discretion, exemption are single tables). */
export async function openDmnEditor(container: HTMLElement, xml: string, language: Language): Promise<ModelTextEditor> {
  // Per view: dmn-js replaces `common.additionalModules` with each view's own list, so a common translate never arrives.
  const translated = { additionalModules: [translateModule(language)] };
  const modeler = new DmnModeler({ container, drd: translated, decisionTable: translated, literalExpression: translated, boxedExpression: translated });
  await modeler.importXML(xml);
  const table = modeler.getViews().find((view: { type: string }) => view.type === 'decisionTable');
  if (table) await modeler.open(table);
  return {
    destroy: () => modeler.destroy(),
    content: async () => (await modeler.saveXML({ format: true })).xml,
    // Every edit of the table goes through the active view's command stack.
    onChange: (listener) => modeler.getActiveViewer()?.on('commandStack.changed', listener),
  };
}
