import { HttpStatus } from '@nestjs/common';

export interface Bilingual {
  zh: string;
  en: string;
}

export interface FieldProblem extends Bilingual {
  field: string;
}

/** The closed set of errors the API answers with: a stable code, an HTTP status and a message in Chinese and English. */
export const errorCatalog = {
  VALIDATION_FAILED: { status: HttpStatus.BAD_REQUEST, zh: '提交的内容不符合要求', en: 'The request is not valid' },
  UNAUTHENTICATED: { status: HttpStatus.UNAUTHORIZED, zh: '未登录或登录已失效', en: 'Not signed in or the session has expired' },
  FORBIDDEN: { status: HttpStatus.FORBIDDEN, zh: '无权执行此操作', en: 'You may not do this' },
  NOT_FOUND: { status: HttpStatus.NOT_FOUND, zh: '未找到', en: 'Not found' },
  TASK_NOT_CLAIMABLE: { status: HttpStatus.CONFLICT, zh: '该任务已由他人认领', en: 'The task is already claimed by someone else' },
  PROCESS_NOT_DEPLOYED: { status: HttpStatus.CONFLICT, zh: '流程尚未部署', en: 'The process is not deployed' },
  DRAFT_NOT_EDITABLE: { status: HttpStatus.CONFLICT, zh: '该草稿已提交审核或已部署，不能再修改', en: 'The draft is under review or deployed and cannot be changed' },
  DRAFT_NOT_SUBMITTED: { status: HttpStatus.CONFLICT, zh: '该草稿尚未提交审核', en: 'The draft has not been submitted for review' },
  DRAFT_HAS_PROBLEMS: { status: HttpStatus.UNPROCESSABLE_ENTITY, zh: '草稿未通过模型检查，请先修改', en: 'The draft fails the model checks; fix it first' },
  MIGRATION_INVALID: { status: HttpStatus.UNPROCESSABLE_ENTITY, zh: '迁移方案未通过流程引擎校验', en: 'The engine refused the migration plan' },
  ENGINE_UNAVAILABLE: { status: HttpStatus.SERVICE_UNAVAILABLE, zh: '流程引擎暂不可用，请稍后再试', en: 'The process engine is unavailable, try again later' },
  INTERNAL: { status: HttpStatus.INTERNAL_SERVER_ERROR, zh: '系统内部错误', en: 'Internal error' },
} as const satisfies Record<string, { status: HttpStatus } & Bilingual>;

export type ErrorCode = keyof typeof errorCatalog;

export class AppError extends Error {
  readonly status: HttpStatus;
  readonly bilingual: Bilingual;

  constructor(
    readonly code: ErrorCode,
    readonly details: FieldProblem[] = [],
    message?: Partial<Bilingual>,
  ) {
    const entry = errorCatalog[code];
    super(`${code}: ${message?.en ?? entry.en}`);
    this.status = entry.status;
    this.bilingual = { zh: message?.zh ?? entry.zh, en: message?.en ?? entry.en };
  }

  toBody() {
    return {
      statusCode: this.status,
      code: this.code,
      message: this.bilingual,
      ...(this.details.length ? { details: this.details } : {}),
    };
  }
}

/** A task or case of another district answers exactly like one that does not exist. */
export const notFound = () => new AppError('NOT_FOUND');
