import { CanActivate, ExecutionContext, Injectable, Logger, SetMetadata } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Request } from 'express';
import { AppError } from '../errors/app-error';
import type { AuthenticatedRequest } from './current-user';
import { TokenRejected, TokenVerifier } from './token-verifier';

const PUBLIC = 'xietong:public';
/** Marks a route that needs no token (health, UI config). */
export const Public = () => SetMetadata(PUBLIC, true);

/** Every API route needs a bearer token of our realm, for our audience, from our UI client, carrying a district. */
@Injectable()
export class AuthGuard implements CanActivate {
  private readonly logger = new Logger(AuthGuard.name);

  constructor(
    private readonly verifier: TokenVerifier,
    private readonly reflector: Reflector,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    if (this.reflector.getAllAndOverride<boolean>(PUBLIC, [context.getHandler(), context.getClass()])) return true;
    const request = context.switchToHttp().getRequest<Request & AuthenticatedRequest>();
    const match = /^Bearer ([A-Za-z0-9._~+/=-]+)$/.exec(request.headers.authorization ?? '');
    if (!match) throw new AppError('UNAUTHENTICATED');
    try {
      request.user = await this.verifier.verify(match[1]);
      return true;
    } catch (error) {
      if (!(error instanceof TokenRejected)) throw error;
      this.logger.warn(`token rejected on ${request.method} ${request.path}: ${error.message}`);
      throw new AppError('UNAUTHENTICATED');
    }
  }
}
