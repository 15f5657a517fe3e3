import { Injectable, NestMiddleware } from '@nestjs/common';
import { raw, type NextFunction, type Request, type Response } from 'express';
import { AppError } from '../errors/app-error';
import { fileTooLarge, MAX_MODEL_BYTES } from './model-guard/raw-document';

/** Media types a model document may be sent as. */
export const MODEL_MEDIA_TYPES = ['application/xml', 'text/xml'];

// Bytes, not text: the guard decides about encodings itself. Compressed bodies are refused so the limit is the real size.
const readModel = raw({ type: MODEL_MEDIA_TYPES, limit: MAX_MODEL_BYTES, inflate: false });

/**
 * The body parser of the model routes only: reads an XML document as bytes up to the guard's size limit.
 * It answers its own failures, because errors of route middleware never reach the API's exception filter.
 */
@Injectable()
export class ModelXmlBodyMiddleware implements NestMiddleware {
  use(request: Request, response: Response, next: NextFunction): void {
    readModel(request, response, (error?: { type?: string; length?: number }) => {
      if (!error) return next();
      if (error.type === 'entity.too.large') {
        response.status(422).json({ valid: false, problems: [fileTooLarge(error.length ?? MAX_MODEL_BYTES + 1)] });
        return;
      }
      const detail = { field: 'body', zh: '无法读取提交的模型文件（不支持压缩传输）', en: 'The model document could not be read (compressed bodies are not accepted)' };
      response.status(400).json(new AppError('VALIDATION_FAILED', [detail]).toBody());
    });
  }
}
