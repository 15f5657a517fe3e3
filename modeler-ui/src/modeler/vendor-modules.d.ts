// bpmn-io add-ons ship JavaScript without declarations; the modeler uses them through diagram-js injection.
declare module '@bpmn-io/element-template-chooser';
declare module 'bpmn-js-bpmnlint';
declare module 'bpmn-js-element-templates';
declare module 'bpmn-js-properties-panel';
declare module 'camunda-bpmn-js-behaviors/lib/camunda-platform';
declare module 'dmn-js/lib/Modeler';
declare module 'bpmnlint/rules/*';
declare module '@bpmn-io/properties-panel';
declare module 'bpmnlint';
