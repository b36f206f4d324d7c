import { HttpException, HttpStatus, Logger } from '@nestjs/common';
import { GraphQLError, GraphQLFormattedError } from 'graphql';
import { randomUUID } from 'node:crypto';
import { MoneyError } from '@common-ground/shared/money';
import { DomainError, ErrorCode } from './errors';
import { LimitReason } from './limits';
import { moneyDomainError } from './money.errors';

const HTTP_CODES: Partial<Record<number, ErrorCode>> = {
  [HttpStatus.UNAUTHORIZED]: ErrorCode.UNAUTHENTICATED,
  [HttpStatus.FORBIDDEN]: ErrorCode.FORBIDDEN,
  [HttpStatus.NOT_FOUND]: ErrorCode.NOT_FOUND,
  [HttpStatus.BAD_REQUEST]: ErrorCode.BAD_USER_INPUT,
  [HttpStatus.CONFLICT]: ErrorCode.CONFLICT,
  [HttpStatus.TOO_MANY_REQUESTS]: ErrorCode.RATE_LIMITED,
};

/** Codes that graphql-js, Apollo and our request plugins set for malformed requests; they are safe to pass on. */
const REQUEST_CODES = new Set([
  'GRAPHQL_PARSE_FAILED',
  'GRAPHQL_VALIDATION_FAILED',
  'BAD_USER_INPUT',
  'OPERATION_RESOLUTION_FAILURE',
  'OPERATION_NOT_SUPPORTED',
  'PERSISTED_QUERY_NOT_FOUND',
  'PERSISTED_QUERY_NOT_SUPPORTED',
  'PERSISTED_QUERY_HASH_MISMATCH',
  'PERSISTED_QUERY_VERSION_UNSUPPORTED',
  'BAD_REQUEST',
]);

/** Apollo's request errors that carry no code of their own, by message, with the code they get. */
const UNCODED_REQUEST_ERRORS: Record<string, string> = {
  'provided sha does not match query': 'PERSISTED_QUERY_HASH_MISMATCH',
  'Unsupported persisted query version': 'PERSISTED_QUERY_VERSION_UNSUPPORTED',
  // graphql-js stops coercing variables after 50 errors and adds this one.
  'Too many errors processing variables, error limit reached. Execution aborted.': 'BAD_USER_INPUT',
};

/** graphql-js's parser refusing a document over `parseOptions.maxTokens`. */
const TOKEN_LIMIT = /^Syntax Error: Document contains more tha[nt] (\d+) tokens\. Parsing aborted\.$/;

/** "Did you mean …?" hints (fields, arguments, types, enum values), which reveal the schema. */
const SUGGESTION = /\s*Did you mean [^?]*\?/g;

/** Codes the caller can retry; logged as warnings. Every other contract code is a client mistake. */
const RETRYABLE_CODES = new Set<string>([ErrorCode.SERVICE_UNAVAILABLE]);

export interface ErrorFormatterOptions {
  /** Production: "did you mean" hints are removed from every message. */
  production?: boolean;
  logger?: Pick<Logger, 'log' | 'warn' | 'error'>;
  /**
   * Turns an error a resolver threw into the one the client should see (e.g. a database outage
   * into SERVICE_UNAVAILABLE), before it is formatted; the app supplies it, so this lib needs no
   * knowledge of the database.
   */
  mapError?: (error: unknown, logger: Pick<Logger, 'warn'>) => unknown;
}

/**
 * The one place errors become GraphQL errors. Domain errors keep their code and message;
 * request errors keep graphql-js's message; everything else is masked as
 * INTERNAL_SERVER_ERROR with a reference id that is logged with the real error.
 * Client mistakes are logged at info, without a stack (and without values, which may be
 * secrets); only internal errors at error, with their reference. Stack traces never leave the
 * process.
 */
export function createErrorFormatter(options: ErrorFormatterOptions = {}) {
  const logger = options.logger ?? new Logger('GraphQLError');
  const message = (text: string) => (options.production ? text.replace(SUGGESTION, '') : text);
  return (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
    const unwrapped = unwrap(error);
    const original = options.mapError ? options.mapError(unwrapped, logger) : unwrapped;
    const base = { message: formatted.message, locations: formatted.locations, path: formatted.path };
    const known = knownError(formatted, original);
    if (known) {
      const { code, reason, fields } = known.extensions;
      const entry = { code, reason, path: formatted.path, fields: Array.isArray(fields) ? fields.map((f: { field?: unknown }) => f.field) : undefined };
      // An error that mapError replaced was logged there, with its cause and reference.
      if (original === unwrapped) {
        if (RETRYABLE_CODES.has(String(code))) logger.warn(entry, `GraphQL error ${String(code)}`);
        else logger.log(entry, `GraphQL client error ${String(code)}`);
      }
      return { ...base, message: message(known.message ?? base.message), extensions: known.extensions };
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

interface KnownError {
  message?: string;
  extensions: { code: string; [key: string]: unknown };
}

/** A contract error (domain, HTTP or request error) with its message and extensions, or undefined for anything unexpected. */
function knownError(formatted: GraphQLFormattedError, original: unknown): KnownError | undefined {
  if (original instanceof MoneyError) return knownError(formatted, moneyDomainError(original));
  if (original instanceof DomainError) {
    return { message: original.message, extensions: { ...original.details, code: original.code } };
  }
  if (original instanceof HttpException) {
    const code = HTTP_CODES[original.getStatus()];
    return code ? { message: original.message, extensions: { code } } : undefined;
  }
  if (original !== undefined) return undefined;
  const formattedCode = formatted.extensions?.code;
  const code = UNCODED_REQUEST_ERRORS[formatted.message] ?? formattedCode;
  if (typeof code !== 'string' || !REQUEST_CODES.has(code)) return undefined;
  const tokens = code === 'GRAPHQL_PARSE_FAILED' ? TOKEN_LIMIT.exec(formatted.message) : null;
  if (tokens) return { message: `Token limit of ${tokens[1]} exceeded.`, extensions: { code, reason: LimitReason.TOKENS } };
  const reason = formatted.extensions?.reason;
  return { extensions: typeof reason === 'string' ? { code, reason } : { code } };
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
