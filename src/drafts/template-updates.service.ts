import { Injectable } from '@nestjs/common';
import { DataSource, In } from 'typeorm';
import type { CurrentUser } from '../auth/current-user';
import { EngineClient } from '../engine-client/engine-client';
import { modelEditorRoles } from '../deployments/model-validation.service';
import { AppError, notFound } from '../errors/app-error';
import type { DiffView, TemplateUpdateView } from './draft-view';
import { diffOrEmpty } from './drafts.service';
import { ModelDraft } from './model-draft.entity';
import { engineCall, ModelVersions } from './model-versions';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** 模板有更新: the province deployed a newer template than the one a district's variant was made from. */
@Injectable()
export class TemplateUpdatesService {
  constructor(
    private readonly engine: EngineClient,
    private readonly versions: ModelVersions,
    private readonly dataSource: DataSource,
  ) {}

  async list(user: CurrentUser): Promise<TemplateUpdateView[]> {
    requireModelRole(user);
    const variants = await engineCall(() => this.engine.latestDefinitionsOfTenant(user.district));
    const updates: TemplateUpdateView[] = [];
    for (const variant of variants) {
      const [latest, basis] = await Promise.all([this.versions.latestTemplate(variant.key), this.versions.templateBasis(variant.key, user.district)]);
      if (!latest || !basis || latest.id === basis.id) continue;
      const [before, after] = await Promise.all([this.versions.xml(basis.id), this.versions.xml(latest.id)]);
      const open = await this.dataSource.getRepository(ModelDraft).findOne({
        where: { districtId: user.district, processKey: variant.key, templateDefinitionId: latest.id, status: In(['draft', 'submitted', 'returned']) },
        order: { updatedAt: 'DESC' },
      });
      updates.push({
        processKey: variant.key,
        processName: latest.name,
        basedOn: { definitionId: basis.id, version: basis.version },
        latest: { definitionId: latest.id, version: latest.version },
        variantVersion: variant.version,
        diff: await diffOrEmpty(before, after),
        draftId: open?.id ?? null,
      });
    }
    return updates;
  }

  /** `GET /api/deployments/:id/diff`: a deployment of the district against an earlier one or the template. */
  async deploymentDiff(user: CurrentUser, id: string, against: unknown, key: unknown): Promise<DiffView> {
    requireModelRole(user);
    const target = await this.versions.ofDeployment(user, id, typeof key === 'string' ? key : undefined);
    const xml = await this.versions.xml(target.definitionId);
    let base: DiffView['base'];
    if (against === undefined || against === 'template') {
      const template = await this.versions.latestTemplate(target.key);
      if (!template) throw notFound();
      base = { kind: 'template', label: { zh: `省级模板第 ${template.version} 版`, en: `template v${template.version}` }, xml: await this.versions.xml(template.id) };
    } else if (typeof against === 'string' && UUID.test(against)) {
      const other = await this.versions.ofDeployment(user, against, target.key);
      base = { kind: 'deployment', label: { zh: `部署版本 ${other.record.version}`, en: `deployment version ${other.record.version}` }, xml: await this.versions.xml(other.definitionId) };
    } else {
      throw new AppError('VALIDATION_FAILED', [{ field: 'against', zh: 'against 须为 template 或本区的部署编号', en: 'against must be template or a deployment id of your district' }]);
    }
    return { base, xml, diff: await diffOrEmpty(base.xml, xml), problems: [] };
  }
}

function requireModelRole(user: CurrentUser): void {
  if (!user.roles.some((role) => modelEditorRoles.includes(role))) throw new AppError('FORBIDDEN');
}
