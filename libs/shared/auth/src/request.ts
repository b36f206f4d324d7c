import { ExecutionContext } from '@nestjs/common';
import { GqlExecutionContext } from '@nestjs/graphql';
import { HttpRequest } from '@common-ground/shared/graphql';
import { AuthenticatedUser } from './authenticated-user';

/** The request under either HTTP adapter (Express's or Fastify's), with the user the guard found. */
export type AuthRequest = HttpRequest & { user?: AuthenticatedUser };

/** The HTTP request behind a GraphQL operation or a REST route. */
export function requestOf(context: ExecutionContext): AuthRequest {
  if (context.getType<string>() === 'graphql') {
    return GqlExecutionContext.create(context).getContext<{ req: AuthRequest }>().req;
  }
  return context.switchToHttp().getRequest<AuthRequest>();
}
