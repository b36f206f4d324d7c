import { createParamDecorator, ExecutionContext } from '@nestjs/common';
import { GqlExecutionContext } from '@nestjs/graphql';
import type { IncomingHttpHeaders } from 'node:http';
import { BadUserInputError } from '@common-ground/shared/graphql';

/** The request header that makes a creating mutation safe to retry. */
export const IDEMPOTENCY_KEY_HEADER = 'Idempotency-Key';
export const IDEMPOTENCY_KEY_MAX_LENGTH = 255;

/**
 * The Idempotency-Key of a request: undefined when not sent; otherwise 1 to 255 printable ASCII
 * characters (space to tilde), or a BAD_USER_INPUT naming the header.
 */
export function parseIdempotencyKey(headers: IncomingHttpHeaders): string | undefined {
  const raw = headers[IDEMPOTENCY_KEY_HEADER.toLowerCase()];
  if (raw === undefined) return undefined;
  const fail = (message: string) => BadUserInputError.field(IDEMPOTENCY_KEY_HEADER, message);
  if (Array.isArray(raw)) throw fail('must be sent once');
  if (raw.length === 0) throw fail('must not be empty');
  if (raw.length > IDEMPOTENCY_KEY_MAX_LENGTH) throw fail(`must be at most ${IDEMPOTENCY_KEY_MAX_LENGTH} characters, got ${raw.length}`);
  if (!/^[\x20-\x7e]+$/.test(raw)) throw fail('must be printable ASCII (space to ~), e.g. a UUID');
  return raw;
}

/**
 * The validated Idempotency-Key header of the GraphQL request, for a creating mutation to pass
 * on to its service in a plain command object.
 */
export const IdempotencyKey = createParamDecorator((_data: unknown, context: ExecutionContext): string | undefined => {
  const req = GqlExecutionContext.create(context).getContext<{ req?: { headers: IncomingHttpHeaders } }>().req;
  return req ? parseIdempotencyKey(req.headers) : undefined;
});
