import { ArgumentsHost, Catch, ExceptionFilter, HttpException, Logger } from '@nestjs/common';
import type { Response } from 'express';
import { AppError, FieldProblem } from './app-error';

/** Turns every failure into the one error body; framework errors (bad JSON, unknown route, body too large) are mapped too. */
@Catch()
export class AppErrorFilter implements ExceptionFilter {
  private readonly logger = new Logger(AppErrorFilter.name);

  catch(exception: unknown, host: ArgumentsHost): void {
    const response = host.switchToHttp().getResponse<Response>();
    const error = this.toAppError(exception);
    if (error.code === 'INTERNAL' || error.code === 'ENGINE_UNAVAILABLE') {
      this.logger.error(exception instanceof Error ? exception.stack : String(exception));
    }
    response.status(error.status).json(error.toBody());
  }

  private toAppError(exception: unknown): AppError {
    if (exception instanceof AppError) return exception;
    if (exception instanceof HttpException) {
      const status = exception.getStatus();
      if (status === 404) return new AppError('NOT_FOUND');
      if (status === 401) return new AppError('UNAUTHENTICATED');
      if (status === 403) return new AppError('FORBIDDEN');
      if (status === 413) {
        return new AppError('VALIDATION_FAILED', [], { zh: '请求内容过大', en: 'The request body is too large' });
      }
      if (status >= 400 && status < 500) {
        const detail: FieldProblem = { field: 'body', zh: '请求格式错误', en: exception.message };
        return new AppError('VALIDATION_FAILED', [detail]);
      }
    }
    const parseError = exception as { type?: string; status?: number };
    if (parseError?.type === 'entity.parse.failed') {
      return new AppError('VALIDATION_FAILED', [{ field: 'body', zh: '请求体不是合法的 JSON', en: 'The body is not valid JSON' }]);
    }
    if (parseError?.type === 'entity.too.large') {
      return new AppError('VALIDATION_FAILED', [], { zh: '请求内容过大', en: 'The request body is too large' });
    }
    return new AppError('INTERNAL');
  }
}
