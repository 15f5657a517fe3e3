/**
 * The bpmn-io model libraries, loaded through one seam: they are ES modules, which Node (≥ 20.19) can
 * require() and jest transforms (test/support/es-module-transform.js), while TypeScript's node16 mode would refuse a static import.
 */

/** The part of a moddle element the guard reads. */
export interface ModdleElement {
  $type: string;
  $descriptor: { isGeneric?: boolean; properties: Array<{ name: string; isReference?: boolean; isMany?: boolean }> };
  $attrs?: Record<string, string>;
  $parent?: ModdleElement;
  $children?: ModdleElement[];
  $body?: string;
  id?: string;
  get(name: string): unknown;
  [property: string]: unknown;
}

export interface ParseResult {
  rootElement: ModdleElement;
  warnings: Array<{ message: string; element?: ModdleElement }>;
}

interface Moddle {
  fromXML(xml: string, options?: { lax?: boolean }): Promise<ParseResult>;
}

type ModdleFactory = (packages?: Record<string, unknown>, options?: Record<string, unknown>) => Moddle;

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { BpmnModdle } = require('bpmn-moddle') as { BpmnModdle: ModdleFactory };
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { DmnModdle } = require('dmn-moddle') as { DmnModdle: ModdleFactory };
// eslint-disable-next-line @typescript-eslint/no-require-imports
const camundaPackage = require('camunda-bpmn-moddle/resources/camunda.json') as Record<string, unknown>;

/** A fresh parser per document: moddle instances cache ids, and uploads must not see each other. */
export const bpmnParser = (): Moddle => BpmnModdle({ camunda: camundaPackage });
/** The shipped templates are trusted and read once; their own seam keeps `bpmnParser` the parser of uploads alone. */
export const templateParser = (): Moddle => BpmnModdle({ camunda: camundaPackage });
export const dmnParser = (): Moddle => DmnModdle();
