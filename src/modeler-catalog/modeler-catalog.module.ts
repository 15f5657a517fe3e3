import { Module } from '@nestjs/common';
import { ModelerCatalogController } from './modeler-catalog.controller';
import { ModelerCatalogService } from './modeler-catalog.service';

@Module({ controllers: [ModelerCatalogController], providers: [{ provide: ModelerCatalogService, useFactory: () => new ModelerCatalogService() }] })
export class ModelerCatalogModule {}
