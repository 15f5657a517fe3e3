import { ArgumentsHost, Catch, ExceptionFilter, HttpException, Logger } from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';
import { AppError, FieldProblem } from './app-error';

/** Turns every failure into the one error body; framework errors (unknown route, bad request) are mapped too. */
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
    return new AppError('INTERNAL');
  }
}

/**
 * Express middleware for errors of the JSON body parser, which fail before Nest routes the request and so
 * never reach the filter above: a body that is not JSON, or is too large, is the caller's mistake (400).
 */
export function bodyParserErrors(error: { type?: string } | undefined, _request: Request, response: Response, next: NextFunction): void {
  if (error?.type === 'entity.parse.failed') {
    response.status(400).json(new AppError('VALIDATION_FAILED', [{ field: 'body', zh: '请求体不是合法的 JSON', en: 'The body is not valid JSON' }]).toBody());
  } else if (error?.type === 'entity.too.large') {
    response.status(400).json(new AppError('VALIDATION_FAILED', [], { zh: '请求内容过大', en: 'The request body is too large' }).toBody());
  } else {
    next(error);
  }
}
