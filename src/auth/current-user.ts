import { createParamDecorator, ExecutionContext } from '@nestjs/common';
import type { Role } from './roles';

/** Who is calling, as the verified token says: the district is the tenant every query is limited to. */
export interface CurrentUser {
  username: string;
  name: string;
  district: string;
  roles: Role[];
}

export interface AuthenticatedRequest {
  user?: CurrentUser;
}

export const User = createParamDecorator((_: unknown, context: ExecutionContext): CurrentUser => {
  const user = context.switchToHttp().getRequest<AuthenticatedRequest>().user;
  if (!user) throw new Error('@User() used on a public route');
  return user;
});
