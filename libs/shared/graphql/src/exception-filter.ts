import { ArgumentsHost, Catch } from '@nestjs/common';
import { BaseExceptionFilter } from '@nestjs/core';
import { GqlContextType } from '@nestjs/graphql';

/**
 * Hands errors of GraphQL resolvers (and their guards and pipes) to GraphQL untouched, so that
 * the error formatter alone logs and maps them: Nest's default handler would log every one,
 * client mistakes included, at error level with a stack. HTTP routes keep Nest's handling.
 */
@Catch()
export class GraphQLErrorPassThroughFilter extends BaseExceptionFilter {
  override catch(exception: unknown, host: ArgumentsHost): void {
    if (host.getType<GqlContextType>() === 'graphql') throw exception;
    super.catch(exception, host);
  }
}
