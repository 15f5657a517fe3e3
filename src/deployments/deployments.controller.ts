import {
  applyDecorators,
  ArgumentsHost,
  Body,
  CanActivate,
  Catch,
  Controller,
  ExceptionFilter,
  ExecutionContext,
  Get,
  Param,
  PayloadTooLargeException,
  Post,
  Res,
  UploadedFiles,
  UseFilters,
  UseGuards,
  UseInterceptors,
} from '@nestjs/common';
import { FilesInterceptor } from '@nestjs/platform-express';
import type { Response } from 'express';
import { memoryStorage } from 'multer';
import { User } from '../auth/current-user';
import type { AuthenticatedRequest, CurrentUser } from '../auth/current-user';
import { AppError } from '../errors/app-error';
import { problem } from './model-guard/model-problem';
import { MAX_MODEL_BYTES } from './model-guard/raw-document';
import { DeploymentsService, MAX_FILES_PER_DEPLOYMENT, mayDeploy } from './deployments.service';
import { MAX_COMMENT_LENGTH, type DeploymentOutcome } from './deployment-view';

/** A file over the limit is a model problem like any other the guard finds: 422 with the problem list. */
@Catch(PayloadTooLargeException)
class UploadTooLargeFilter implements ExceptionFilter {
  catch(_: PayloadTooLargeException, host: ArgumentsHost): void {
    const tooLarge = problem('file-too-large', null, `上传的文件超过 ${MAX_MODEL_BYTES} 字节的上限`, `An uploaded file is over the limit of ${MAX_MODEL_BYTES} bytes`);
    host.switchToHttp().getResponse<Response>().status(422).json({ valid: false, problems: [{ file: null, ...tooLarge }] });
  }
}

// Files stay in memory: they are small, and nothing of a refused upload may be left anywhere.
const upload = FilesInterceptor('file', MAX_FILES_PER_DEPLOYMENT, {
  storage: memoryStorage(),
  defParamCharset: 'utf8',
  limits: { fileSize: MAX_MODEL_BYTES, files: MAX_FILES_PER_DEPLOYMENT, fields: 10, fieldSize: MAX_COMMENT_LENGTH * 4, parts: MAX_FILES_PER_DEPLOYMENT + 10 },
});

/**
 * A model upload route: refuses before the upload is read, so only who `may` deploy can make the API hold files in
 * memory (the service checks again); a file over the limit answers 422 like any model problem.
 */
export function ModelUpload(may: (user: CurrentUser) => boolean) {
  const mayUpload: CanActivate = {
    canActivate(context: ExecutionContext): boolean {
      const user = context.switchToHttp().getRequest<AuthenticatedRequest>().user;
      if (!user || !may(user)) throw new AppError('FORBIDDEN');
      return true;
    },
  };
  return applyDecorators(UseGuards(mayUpload), UseInterceptors(upload), UseFilters(UploadTooLargeFilter));
}

/** The uploaded files as the deployments service reads them. */
export function uploadedModels(files: Express.Multer.File[] | undefined) {
  return (files ?? []).map((f) => ({ name: f.originalname, content: f.buffer }));
}

@Controller('deployments')
export class DeploymentsController {
  constructor(private readonly deployments: DeploymentsService) {}

  @Post()
  @ModelUpload(mayDeploy)
  async create(
    @User() user: CurrentUser,
    @UploadedFiles() files: Express.Multer.File[] | undefined,
    @Body() body: Record<string, unknown> | undefined,
    @Res({ passthrough: true }) response: Response,
  ) {
    return answer(await this.deployments.create(user, uploadedModels(files), { ...(body ?? {}) }), response);
  }

  @Get()
  list(@User() user: CurrentUser) {
    return this.deployments.list(user);
  }

  @Post(':id/rollback')
  async rollback(@User() user: CurrentUser, @Param('id') id: string, @Res({ passthrough: true }) response: Response) {
    return answer(await this.deployments.rollback(user, id), response);
  }
}

function answer(outcome: DeploymentOutcome, response: Response) {
  if (!outcome.valid) {
    response.status(422);
    return outcome;
  }
  response.status(201);
  return outcome.deployment;
}
