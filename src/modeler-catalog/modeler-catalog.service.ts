import { Injectable } from '@nestjs/common';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { topicRegistry, type VariableSpec } from '../../workers/topic-registry';
import type { CurrentUser } from '../auth/current-user';
import { roles, type Role } from '../auth/roles';
import { modelEditorRoles } from '../deployments/model-validation.service';
import { AppError, notFound } from '../errors/app-error';
import { repoRoot } from '../repo-root';

/** What the modeler may offer in its lists instead of free text. */
export interface ModelerCatalog {
  roles: Role[];
  forms: Array<{ id: string; name: string }>;
  topics: Array<{ id: string; name: string; description: string; inputs: Record<string, VariableSpec>; outputs: Record<string, VariableSpec> }>;
}

export const modelKinds = ['template', 'variant', 'dmn', 'form'] as const;
export type ModelKind = (typeof modelKinds)[number];

export interface ModelSource {
  kind: ModelKind;
  /** File name without extension: the process key, DMN or form id. */
  name: string;
  /** Only for variants: the caller's district. */
  district?: string;
}

const extensions: Record<ModelKind, string> = { template: '.bpmn', variant: '.bpmn', dmn: '.dmn', form: '.form' };
// Names come from the URL: file-name characters only, so nothing can climb out of bpmn/.
const safeName = /^[a-z0-9][a-z0-9-]{0,80}$/;

@Injectable()
export class ModelerCatalogService {
  constructor(private readonly bpmnDir = join(repoRoot, 'bpmn')) {}

  catalog(user: CurrentUser): ModelerCatalog {
    this.assertEditor(user);
    return {
      roles: [...roles],
      forms: this.names('form').map((id) => ({ id, name: formName(readFileSync(this.path('form', id, user)).toString(), id) })),
      topics: Object.entries(topicRegistry).map(([id, topic]) => ({ id, name: topic.name, description: topic.description, inputs: topic.inputs, outputs: topic.outputs })),
    };
  }

  elementTemplates(user: CurrentUser): unknown[] {
    this.assertEditor(user);
    return JSON.parse(readFileSync(join(this.bpmnDir, 'element-templates', 'xietong-topics.json')).toString()) as unknown[];
  }

  /** Shared templates, tables and forms, plus the variants of the caller's own district only. */
  list(user: CurrentUser): ModelSource[] {
    this.assertEditor(user);
    return modelKinds.flatMap((kind) =>
      this.names(kind, user).map((name) => (kind === 'variant' ? { kind, name, district: user.district } : { kind, name })),
    );
  }

  source(user: CurrentUser, kind: string, name: string): string {
    this.assertEditor(user);
    if (!(modelKinds as readonly string[]).includes(kind) || !safeName.test(name)) throw notFound();
    const file = this.path(kind as ModelKind, name, user);
    if (!existsSync(file)) throw notFound();
    return readFileSync(file).toString();
  }

  private assertEditor(user: CurrentUser): void {
    if (!user.roles.some((role) => modelEditorRoles.includes(role))) throw new AppError('FORBIDDEN');
  }

  private folder(kind: ModelKind, user?: CurrentUser): string | undefined {
    if (kind === 'template') return join(this.bpmnDir, 'templates');
    if (kind === 'dmn') return join(this.bpmnDir, 'dmn');
    if (kind === 'form') return join(this.bpmnDir, 'forms');
    return user && safeName.test(user.district) ? join(this.bpmnDir, 'districts', user.district) : undefined;
  }

  private path(kind: ModelKind, name: string, user?: CurrentUser): string {
    return join(this.folder(kind, user) ?? '/nonexistent', name + extensions[kind]);
  }

  private names(kind: ModelKind, user?: CurrentUser): string[] {
    const dir = this.folder(kind, user);
    if (!dir || !existsSync(dir)) return [];
    return readdirSync(dir)
      .filter((file) => file.endsWith(extensions[kind]))
      .map((file) => file.slice(0, -extensions[kind].length))
      .filter((name) => safeName.test(name))
      .sort();
  }
}

/** A form's Chinese name: the heading of its first text block, else its id. */
export function formName(content: string, id: string): string {
  try {
    const schema = JSON.parse(content) as { components?: Array<{ type?: string; text?: string }> };
    const text = schema.components?.find((c) => c.type === 'text' && typeof c.text === 'string')?.text ?? '';
    const heading = /^#+\s*(.+)$/m.exec(text)?.[1]?.trim();
    return heading || id;
  } catch {
    return id;
  }
}
