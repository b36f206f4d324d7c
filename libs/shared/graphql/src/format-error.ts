import { HttpException, HttpStatus, Logger } from '@nestjs/common';
import { GraphQLError, GraphQLFormattedError } from 'graphql';
import { randomUUID } from 'node:crypto';
import { DomainError, ErrorCode } from './errors';
import { asServiceUnavailable } from './service-unavailable';

const HTTP_CODES: Partial<Record<number, ErrorCode>> = {
  [HttpStatus.UNAUTHORIZED]: ErrorCode.UNAUTHENTICATED,
  [HttpStatus.FORBIDDEN]: ErrorCode.FORBIDDEN,
  [HttpStatus.NOT_FOUND]: ErrorCode.NOT_FOUND,
  [HttpStatus.BAD_REQUEST]: ErrorCode.BAD_USER_INPUT,
  [HttpStatus.CONFLICT]: ErrorCode.CONFLICT,
  [HttpStatus.TOO_MANY_REQUESTS]: ErrorCode.RATE_LIMITED,
};

/** Codes that graphql-js and Apollo set for malformed requests; they are safe to pass on. */
const REQUEST_CODES = new Set([
  'GRAPHQL_PARSE_FAILED',
  'GRAPHQL_VALIDATION_FAILED',
  'BAD_USER_INPUT',
  'OPERATION_RESOLUTION_FAILURE',
  'PERSISTED_QUERY_NOT_FOUND',
  'PERSISTED_QUERY_NOT_SUPPORTED',
  'BAD_REQUEST',
]);

/**
 * The one place errors become GraphQL errors. Domain errors keep their code and message;
 * request errors keep graphql-js's message; everything else is masked as
 * INTERNAL_SERVER_ERROR with a reference id that is logged with the real error.
 * Stack traces never leave the process.
 */
export function createErrorFormatter(logger = new Logger('GraphQLError')) {
  return (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
    const original = asServiceUnavailable(unwrap(error), logger);
    const base = { message: formatted.message, locations: formatted.locations, path: formatted.path };
    if (original instanceof DomainError) {
      return { ...base, message: original.message, extensions: { ...original.details, code: original.code } };
    }
    if (original instanceof HttpException) {
      const code = HTTP_CODES[original.getStatus()];
      if (code) return { ...base, message: original.message, extensions: { code } };
    }
    const code = formatted.extensions?.code;
    if (original === undefined && typeof code === 'string' && REQUEST_CODES.has(code)) {
      return { ...base, extensions: { code } };
    }
    const reference = randomUUID();
    logger.error({ reference, err: original ?? error }, `Unexpected error (reference ${reference})`);
    return {
      ...base,
      message: `Internal server error (reference ${reference})`,
      extensions: { code: ErrorCode.INTERNAL_SERVER_ERROR, reference },
    };
  };
}

/** The error a resolver threw, or undefined for request-level errors made by graphql-js or Apollo. */
function unwrap(error: unknown): unknown {
  let current: unknown = error;
  while (current instanceof GraphQLError) {
    if (!current.originalError) return undefined;
    current = current.originalError;
  }
  return current;
}
