import { Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { DistrictsModule } from '../districts/districts.module';
import { AuthGuard } from './auth.guard';
import { SessionController } from './session.controller';
import { TokenVerifier } from './token-verifier';

@Module({
  imports: [DistrictsModule],
  controllers: [SessionController],
  providers: [TokenVerifier, { provide: APP_GUARD, useClass: AuthGuard }],
})
export class AuthModule {}
