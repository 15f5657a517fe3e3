import { Body, Controller, Get, HttpCode, Param, Post, Res } from '@nestjs/common';
import type { Response } from 'express';
import { User } from '../auth/current-user';
import type { CurrentUser } from '../auth/current-user';
import { parseOrThrow } from '../errors/validate';
import { filePenaltyCaseSchema, penaltyCaseFieldMessages } from './penalty-case.dto';
import { PenaltyCasesService } from './penalty-cases.service';

@Controller('penalty-cases')
export class PenaltyCasesController {
  constructor(private readonly penaltyCases: PenaltyCasesService) {}

  @Post()
  @HttpCode(201)
  async file(@User() user: CurrentUser, @Body() body: unknown) {
    const penaltyCase = await this.penaltyCases.file(user, parseOrThrow(filePenaltyCaseSchema, body, penaltyCaseFieldMessages));
    return { id: penaltyCase.id, businessKey: penaltyCase.businessKey, processInstanceId: penaltyCase.processInstanceId };
  }

  @Get()
  list(@User() user: CurrentUser) {
    return this.penaltyCases.list(user);
  }

  @Get(':id')
  detail(@User() user: CurrentUser, @Param('id') id: string) {
    return this.penaltyCases.detail(user, id);
  }

  @Get(':id/documents/:documentId')
  async document(@User() user: CurrentUser, @Param('id') id: string, @Param('documentId') documentId: string, @Res() res: Response) {
    const document = await this.penaltyCases.document(user, id, documentId);
    res
      .status(200)
      .set({
        'content-type': document.contentType,
        'content-length': String(document.content.length),
        'content-disposition': `inline; filename="${document.id}.pdf"; filename*=UTF-8''${encodeURIComponent(document.fileName)}`,
        'cache-control': 'private, no-store',
      })
      .end(document.content);
  }
}
