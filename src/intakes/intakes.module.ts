import { Module } from '@nestjs/common';
import { FlowsModule } from '../flows/flows.module';
import { IntakesController } from './intakes.controller';
import { IntakesService } from './intakes.service';

@Module({ imports: [FlowsModule], controllers: [IntakesController], providers: [IntakesService] })
export class IntakesModule {}
