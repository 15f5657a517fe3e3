import '@bpmn-io/properties-panel/dist/assets/properties-panel.css';
import '@bpmn-io/element-template-chooser/dist/element-template-chooser.css';
import 'bpmn-js/dist/assets/bpmn-js.css';
import 'bpmn-js/dist/assets/diagram-js.css';
import 'bpmn-js/dist/assets/bpmn-font/css/bpmn-embedded.css';
import 'bpmn-js-bpmnlint/dist/assets/css/bpmn-js-bpmnlint.css';
import 'bpmn-js-element-templates/dist/assets/element-templates.css';
import ElementTemplateChooserModule from '@bpmn-io/element-template-chooser';
import BpmnModeler from 'bpmn-js/lib/Modeler';
import lintModule from 'bpmn-js-bpmnlint';
import { ElementTemplatesPropertiesProviderModule } from 'bpmn-js-element-templates';
import { BpmnPropertiesPanelModule, BpmnPropertiesProviderModule, CamundaPlatformPropertiesProviderModule } from 'bpmn-js-properties-panel';
import camundaModdle from 'camunda-bpmn-moddle/resources/camunda.json';
import CamundaBehaviorsModule from 'camunda-bpmn-js-behaviors/lib/camunda-platform';
import type { Language } from '../i18n';
import { translateModule } from './i18n/translate';
import { lintConfig } from './lint/lint-config';
import { singlePassLintModule } from './lint/single-pass-linter';
import { xietongPaletteModule } from './palette/xietong-palette';
import { xietongPropertiesModule, type PropertiesCatalog } from './properties/xietong-properties-provider';
import { serverValidationModule, type ServerValidate } from './validation/server-validation';
import type { ModelerCatalog } from './modeler-api';

export interface BpmnEditorOptions {
  canvas: HTMLElement;
  properties: HTMLElement;
  language: Language;
  catalog: ModelerCatalog;
  roleLabel(role: string): string;
  elementTemplates: unknown[];
  validate?: ServerValidate;
}

/** The bpmn-js modeler with the Camunda 7 panel, our templates and lists, live lint and the server check. */
export function createBpmnEditor(options: BpmnEditorOptions): BpmnModeler {
  const { catalog } = options;
  const propertiesCatalog: PropertiesCatalog = {
    roles: catalog.roles.map((id) => ({ id, label: options.roleLabel(id) })),
    forms: catalog.forms,
  };
  // The chooser shows template descriptions through translate: ours are English in the registry, so say what the topic is.
  const templateTexts: Record<string, string> =
    options.language === 'zh-CN' ? Object.fromEntries(catalog.topics.map((topic) => [topic.description, `外部任务主题 ${topic.id}：${topic.name}`])) : {};
  return new BpmnModeler({
    container: options.canvas,
    propertiesPanel: { parent: options.properties },
    moddleExtensions: { camunda: camundaModdle },
    // The template group shows the description too: same Chinese text there as in the chooser.
    elementTemplates: options.elementTemplates.map((template) => {
      const description = (template as { description?: string }).description;
      return description && templateTexts[description] ? { ...(template as object), description: templateTexts[description] } : template;
    }),
    linting: {
      active: true,
      bpmnlint: lintConfig({ roles: catalog.roles, forms: catalog.forms.map((f) => f.id), topics: catalog.topics.map((t) => t.id) }),
    },
    xietongCatalog: propertiesCatalog,
    xietongValidate: options.validate,
    additionalModules: [
      BpmnPropertiesPanelModule,
      BpmnPropertiesProviderModule,
      CamundaPlatformPropertiesProviderModule,
      CamundaBehaviorsModule,
      ElementTemplatesPropertiesProviderModule,
      ElementTemplateChooserModule,
      lintModule,
      singlePassLintModule,
      xietongPropertiesModule,
      xietongPaletteModule,
      serverValidationModule,
      translateModule(options.language, templateTexts),
    ],
  } as ConstructorParameters<typeof BpmnModeler>[0]);
}
