import { Injectable } from '@nestjs/common';
import type { IncomingFile } from '../deployments/deployments.service';
import { readForm } from '../deployments/model-guard/known-forms';
import { bpmnParser, dmnParser, type ModdleElement } from '../deployments/model-guard/model-libraries';
import { EngineClient, type ProcessDefinition } from '../engine-client/engine-client';
import type { DraftModelKind } from './draft-view';
import { engineCall } from './model-versions';

/** A process as a district runs it now: its own variant, else the provincial template, with the XML the engine holds. */
export interface CurrentProcess {
  definition: ProcessDefinition;
  xml: string;
}

/** A decision table or form as the engine holds it in one deployment. */
export interface SupportingModel {
  name: string;
  content: Buffer;
  /** The process definition whose deployment holds it. */
  definition: ProcessDefinition;
}

type SupportingKind = Exclude<DraftModelKind, 'bpmn'>;

/** What one resource provides: `form:<id>` or `dmn:<decision id>` for each decision it holds. */
interface Provided extends IncomingFile {
  provides: string[];
}

/**
 * The models a district runs, read from the engine. Forms and decisions are bound by deployment, so a process only
 * sees the forms and decisions of its own deployment: a changed model set is always deployed whole, and what a
 * district runs of a form or decision is what the deployment of each process that binds it holds.
 */
@Injectable()
export class DistrictModels {
  constructor(private readonly engine: EngineClient) {}

  /** Every process the district runs now: per key its newest variant, else the newest template. */
  async processes(districtId: string): Promise<CurrentProcess[]> {
    const [variants, templates] = await Promise.all([
      engineCall(() => this.engine.latestDefinitionsOfTenant(districtId)),
      engineCall(() => this.engine.latestSharedDefinitions()),
    ]);
    const own = new Set(variants.map((v) => v.key));
    const current = [...variants.filter((v) => v.tenantId === districtId), ...templates.filter((t) => t.tenantId === null && !own.has(t.key))];
    return Promise.all(current.sort(byKey).map(async (definition) => ({ definition, xml: await engineCall(() => this.engine.definitionXml(definition.id)) })));
  }

  /** The processes the district runs now that name the form (`camunda:formRef`) or decision (`camunda:decisionRef`). */
  async bindersOf(districtId: string, kind: SupportingKind, key: string): Promise<CurrentProcess[]> {
    const binders: CurrentProcess[] = [];
    for (const process of await this.processes(districtId)) {
      if ((await references(process.xml, kind)).includes(key)) binders.push(process);
    }
    return binders;
  }

  /** The provincial templates (newest versions) that name the form or decision. */
  async templateBindersOf(kind: SupportingKind, key: string): Promise<ProcessDefinition[]> {
    const templates = await engineCall(() => this.engine.latestSharedDefinitions());
    const binders: ProcessDefinition[] = [];
    for (const template of templates.filter((t) => t.tenantId === null).sort(byKey)) {
      const xml = await engineCall(() => this.engine.definitionXml(template.id));
      if ((await references(xml, kind)).includes(key)) binders.push(template);
    }
    return binders;
  }

  /** The form or decision as the district runs it: from the deployment of a binding variant first, else of a template. */
  async current(districtId: string, kind: SupportingKind, key: string): Promise<SupportingModel | null> {
    const binders = (await this.bindersOf(districtId, kind, key)).map((b) => b.definition);
    return this.firstHolding([...binders.filter((d) => d.tenantId !== null), ...binders.filter((d) => d.tenantId === null)], kind, key);
  }

  /** The form or decision as the deployment of the first of `definitions` that holds it has it. */
  async firstHolding(definitions: ProcessDefinition[], kind: SupportingKind, key: string): Promise<SupportingModel | null> {
    for (const definition of definitions) {
      const found = (await this.supportingFilesOf(definition.deploymentId)).find((f) => f.provides.includes(`${kind}:${key}`));
      if (found) return { name: found.name, content: Buffer.from(found.content), definition };
    }
    return null;
  }

  /**
   * The files of one deployment for the district, around a changed model: for a process, the process with the
   * decisions and forms its current deployment holds; for a form or decision, every process of the district that
   * binds it (variant, else template) with the decisions and forms their deployments hold, the changed one replacing
   * its old version. Where two deployments hold different versions of the same file, a variant's wins over a template's.
   */
  async deploymentFiles(districtId: string, changed: { kind: DraftModelKind; key: string; content: string }): Promise<{ files: IncomingFile[]; processes: string[] }> {
    const binders = changed.kind === 'bpmn' ? [] : await this.bindersOf(districtId, changed.kind, changed.key);
    const running = changed.kind === 'bpmn' ? await engineCall(() => this.engine.latestDefinitionFor(changed.key, districtId)) : null;
    const definitions = changed.kind === 'bpmn' ? (running ? [running] : []) : binders.map((b) => b.definition);
    const supporting: Provided[] = [];
    for (const definition of [...definitions.filter((d) => d.tenantId === null), ...definitions.filter((d) => d.tenantId !== null)]) {
      for (const file of await this.supportingFilesOf(definition.deploymentId)) put(supporting, file);
    }
    if (changed.kind !== 'bpmn') put(supporting, { name: `${changed.key}.${changed.kind}`, content: Buffer.from(changed.content), provides: [`${changed.kind}:${changed.key}`] });
    const processes: IncomingFile[] =
      changed.kind === 'bpmn'
        ? [{ name: `${changed.key}.bpmn`, content: Buffer.from(changed.content) }]
        : binders.map((b) => ({ name: `${b.definition.key}.bpmn`, content: Buffer.from(b.xml) }));
    return {
      files: [...processes, ...supporting.map(({ name, content }) => ({ name, content }))],
      processes: changed.kind === 'bpmn' ? [changed.key] : binders.map((b) => b.definition.key),
    };
  }

  /** The decision tables and forms of one deployment, with what each provides. */
  private async supportingFilesOf(deploymentId: string): Promise<Provided[]> {
    const resources = (await engineCall(() => this.engine.deploymentResources(deploymentId))).filter((r) => /\.(dmn|form)$/.test(r.name));
    return Promise.all(
      resources.map(async (r) => {
        const content = await engineCall(() => this.engine.deploymentResourceData(deploymentId, r.id));
        return { name: r.name, content, provides: await provided(r.name, content) };
      }),
    );
  }
}

/** Adds a file to the set, taking out any file of the same name or that provides one of the same models. */
function put(files: Provided[], file: Provided): void {
  for (let i = files.length - 1; i >= 0; i--) {
    if (files[i].name === file.name || files[i].provides.some((p) => file.provides.includes(p))) files.splice(i, 1);
  }
  files.push(file);
}

async function provided(name: string, content: Buffer): Promise<string[]> {
  if (name.endsWith('.form')) {
    const form = readForm(name, content);
    return form ? [`form:${form.id}`] : [];
  }
  return (await decisionIds(content.toString())).map((id) => `dmn:${id}`);
}

/** The decision ids of a DMN document the engine already holds (it passed the guard); none when it cannot be read. */
export async function decisionIds(xml: string): Promise<string[]> {
  try {
    const { rootElement } = await dmnParser().fromXML(xml);
    const elements = (rootElement.get('drgElement') as ModdleElement[] | undefined) ?? [];
    return elements.filter((e) => e.$type === 'dmn:Decision' && typeof e.id === 'string').map((e) => e.id as string);
  } catch {
    return [];
  }
}

/** The forms or decisions a process names (by deployment or otherwise); expressions are not resolved. */
export async function references(xml: string, kind: SupportingKind): Promise<string[]> {
  const attribute = kind === 'form' ? 'camunda:formRef' : 'camunda:decisionRef';
  const found = new Set<string>();
  const visit = (element: ModdleElement): void => {
    const value = element.get(attribute);
    if (typeof value === 'string' && value.trim()) found.add(value.trim());
    for (const child of (element.get('flowElements') as ModdleElement[] | undefined) ?? []) visit(child);
  };
  try {
    const { rootElement } = await bpmnParser().fromXML(xml);
    for (const root of (rootElement.get('rootElements') as ModdleElement[] | undefined) ?? []) if (root.$type === 'bpmn:Process') visit(root);
  } catch {
    return [];
  }
  return [...found];
}

const byKey = (a: ProcessDefinition, b: ProcessDefinition): number => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0);
