import { Controller, Get, Header, Param } from '@nestjs/common';
import { User } from '../auth/current-user';
import type { CurrentUser } from '../auth/current-user';
import { ModelerCatalogService } from './modeler-catalog.service';

@Controller('modeler')
export class ModelerCatalogController {
  constructor(private readonly catalog: ModelerCatalogService) {}

  @Get('catalog')
  get(@User() user: CurrentUser) {
    return this.catalog.catalog(user);
  }

  /** The Camunda 7 element templates generated from the topic registry. */
  @Get('element-templates')
  elementTemplates(@User() user: CurrentUser) {
    return this.catalog.elementTemplates(user);
  }

  @Get('models')
  list(@User() user: CurrentUser) {
    return this.catalog.list(user);
  }

  /** The document as stored: BPMN/DMN XML or form-js JSON, as text for the editors to import. */
  @Get('models/:kind/:name')
  @Header('Content-Type', 'text/plain; charset=utf-8')
  source(@User() user: CurrentUser, @Param('kind') kind: string, @Param('name') name: string) {
    return this.catalog.source(user, kind, name);
  }
}
