import { Injectable } from '@nestjs/common';
import type { CurrentUser } from '../auth/current-user';
import type { Role } from '../auth/roles';
import { AppError } from '../errors/app-error';
import { ModelGuard } from './model-guard/model-guard';
import type { ModelProblem } from './model-guard/model-problem';

/** Who works on models: designers draft them, district IT deploys them, the province maintains the templates. */
export const modelEditorRoles: readonly Role[] = ['designer', 'district-it', 'province-admin'];

export interface ModelValidation {
  valid: boolean;
  problems: ModelProblem[];
}

@Injectable()
export class ModelValidationService {
  constructor(private readonly guard: ModelGuard) {}

  /** Runs the deployment guard on one document without deploying anything. */
  async validate(user: CurrentUser, document: Buffer | undefined): Promise<ModelValidation> {
    if (!user.roles.some((role) => modelEditorRoles.includes(role))) throw new AppError('FORBIDDEN');
    if (!Buffer.isBuffer(document) || document.length === 0) {
      throw new AppError('VALIDATION_FAILED', [
        { field: 'body', zh: '请以 application/xml 提交一个 BPMN 或 DMN 文档', en: 'Send one BPMN or DMN document as application/xml' },
      ]);
    }
    // The request has no file name: the guard tells BPMN from DMN by the root element.
    const problems = await this.guard.check({ name: 'model.xml', content: document });
    return { valid: problems.length === 0, problems };
  }
}
