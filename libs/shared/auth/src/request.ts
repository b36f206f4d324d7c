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

/**
 * The signed-in user of a GraphQL context, for field resolvers written without parameter
 * decorators (Nest binds those directly, without its per-call pipeline: the fast path for
 * fields resolved on every row of a page).
 */
export function viewerOf(context: unknown): AuthenticatedUser | undefined {
  return (context as { req?: AuthRequest } | undefined)?.req?.user;
}

/** The request of a GraphQL context (the key of per-request loaders). */
export function requestOfContext(context: unknown): AuthRequest {
  return (context as { req: AuthRequest }).req;
}
