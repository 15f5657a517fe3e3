import { Body, Controller, HttpCode, Post, Res } from '@nestjs/common';
import type { Response } from 'express';
import { User } from '../auth/current-user';
import type { CurrentUser } from '../auth/current-user';
import { ModelValidationService } from './model-validation.service';

@Controller('models')
export class ModelValidationController {
  constructor(private readonly validation: ModelValidationService) {}

  /** 200 when the guard finds nothing, 422 with the problem list otherwise. */
  @Post('validate')
  @HttpCode(200)
  async validate(@User() user: CurrentUser, @Body() body: unknown, @Res({ passthrough: true }) response: Response) {
    const result = await this.validation.validate(user, Buffer.isBuffer(body) ? body : undefined);
    if (!result.valid) response.status(422);
    return result;
  }
}
