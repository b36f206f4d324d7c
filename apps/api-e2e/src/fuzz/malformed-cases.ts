import fc from 'fast-check';
import { OperationCase } from './schema-cases';

/** One HTTP request to /graphql, as a client (or an attacker) might send it. */
export interface HttpCase {
  method: 'GET' | 'POST';
  headers: Record<string, string>;
  /** POST: a raw body (sent as is) or a JSON value. */
  body?: string | unknown;
  /** GET: the query string's parameters. */
  params?: Record<string, string>;
  description: string;
}

const JSON_TYPE = { 'content-type': 'application/json' };

/** A JSON POST of a document with variables. */
export function post(query: unknown, variables?: unknown, extra: Record<string, unknown> = {}): HttpCase {
  return { method: 'POST', headers: JSON_TYPE, body: { query, variables, ...extra }, description: 'json post' };
}

const PUNCTUATION = fc.constantFrom(
  '{',
  '}',
  '(',
  ')',
  '[',
  ']',
  '$',
  ':',
  '@',
  '...',
  '"',
  '"""',
  '\\',
  '#',
  '!',
  '=',
  '|',
  '&',
  ',',
  '\u0000',
  '\ud800',
  '\\u0000',
  '\\ud800',
  'é',
  '0x',
  '1e',
  '-',
  ' ',
);

/** The document with random edits: characters deleted, punctuation inserted, cut short. */
function corrupted(query: string): fc.Arbitrary<string> {
  const at = fc.nat({ max: Math.max(query.length - 1, 0) });
  return fc.oneof(
    fc.tuple(at, fc.nat({ max: 6 })).map(([i, n]) => query.slice(0, i) + query.slice(i + n)),
    fc.tuple(at, PUNCTUATION).map(([i, s]) => query.slice(0, i) + s + query.slice(i)),
    at.map((i) => query.slice(0, i)),
    fc.tuple(at, fc.string({ unit: 'binary', maxLength: 5 })).map(([i, s]) => query.slice(0, i) + s + query.slice(i)),
  );
}

/** Documents made to stress the limits: deep nesting, many aliases, directives, repeated fields, fragments. */
const STRESS_DOCUMENTS: fc.Arbitrary<string> = fc.oneof(
  fc.integer({ min: 1, max: 400 }).map((n) => `{ ${'problems { edges { node { '.repeat(n)}id${' } } }'.repeat(n)} }`),
  fc.integer({ min: 1, max: 400 }).map((n) => `{ ${'a { '.repeat(n)}b${' }'.repeat(n)} }`),
  fc.integer({ min: 0, max: 300 }).map((n) => `{ ${Array.from({ length: n }, (_, i) => `a${i}: __typename`).join(' ')} }`),
  fc.integer({ min: 0, max: 300 }).map((n) => `{ ${Array.from({ length: n }, (_, i) => `p${i}: problems(first: 100) { totalCount }`).join(' ')} }`),
  fc.integer({ min: 0, max: 60 }).map((n) => `{ __typename ${'@include(if: true) '.repeat(n)}}`),
  fc.integer({ min: 0, max: 60 }).map((n) => `{ __typename ${'@aa '.repeat(n)}}`),
  fc.integer({ min: 0, max: 900 }).map((n) => `{ ${'__typename '.repeat(n)}}`),
  fc.integer({ min: 0, max: 500 }).map((n) => `{ ${'problems { totalCount } '.repeat(n)}}`),
  fc.constantFrom(
    '{ ...A } fragment A on Query { ...B } fragment B on Query { ...A }',
    '{ ...Missing }',
    'fragment F on Problem { id }',
    '{ ... on Problem { id } }',
    'query A { __typename } query B { __typename }',
    'query A { __typename } query A { __typename }',
    'query ($x: Int) { __typename }',
    'query ($x: Nope!) { problems(first: $x) { totalCount } }',
    'query ($x: String!) { problems(first: $x) { totalCount } }',
    '{ __schema { types { name fields { name } } } }',
    'query cop { __schema { types { fields { type { fields { type { fields { type { fields { type { name } } } } } } } } } } }',
    '{ __type(name: "Problem") { name } }',
    'subscription { __typename }',
    'mutation { __typename }',
    'mutation cop { __typename }',
    'qwerty cop { abc }',
    '{ problems(first: 0) { totalCount } }',
    '{ problems(first: 101) { totalCount } }',
    '{ problems(first: -1) { totalCount } }',
    '{ problems(first: 2147483648) { totalCount } }',
    '{ problems(filter: { near: { lat: 0, lng: 0, radiusMeters: 5e-324 } }) { totalCount } }',
    '{ problems(filter: { near: { lat: 91, lng: 181, radiusMeters: 1e308 } }, orderBy: NEAREST) { totalCount } }',
    '{ problems(orderBy: NEAREST) { totalCount } }',
    '{ problems(filter: { statuses: [REPORTD] }) { totalCount } }',
    '{ similarProblems(title: "\\u0000", location: { lat: 0, lng: 0 }) { id } }',
    '{ problem(id: "\\ud800") { id } }',
    '{ problem(id: "\\u0000") { id } }',
    '#',
    '',
    '   ',
    '{',
    '}',
    '{}',
    '"""',
    '{ a(b: """\\u0000""") }',
  ),
);

/** Variables of the wrong shape for any document. */
const ODD_VARIABLES: fc.Arbitrary<unknown> = fc.oneof(
  fc.constant(undefined),
  fc.constant(null),
  fc.constantFrom('a string', 42, true, [], [1, 2], { first: 'ten' }, { after: null }, { input: '\u0000' }),
);

/** Request shapes that are not a plain JSON POST of a document. */
function oddRequests(documents: fc.Arbitrary<string>): fc.Arbitrary<HttpCase> {
  return fc.oneof(
    fc.tuple(documents, ODD_VARIABLES).map(([query, variables]) => post(query, variables)),
    fc
      .constantFrom<unknown>(42, null, true, ['{ __typename }'], { query: 42 }, { query: ['{ __typename }'] }, { query: null }, {}, 'text')
      .map((body): HttpCase => ({ method: 'POST', headers: JSON_TYPE, body: JSON.stringify(body), description: 'odd json body' })),
    documents.map((query): HttpCase => ({ method: 'POST', headers: JSON_TYPE, body: [{ query }, { query }], description: 'batch' })),
    fc
      .tuple(documents, fc.string({ maxLength: 20 }), fc.oneof(fc.nat(), fc.string({ maxLength: 3 }), fc.constant(null)))
      .map(([query, hash, version]) => post(query, undefined, { extensions: { persistedQuery: { version, sha256Hash: hash } } })),
    fc
      .tuple(fc.string({ unit: fc.constantFrom(...'0123456789abcdef'), minLength: 64, maxLength: 64 }), fc.constantFrom(1, 2))
      .map(([hash, version]) => post(undefined, undefined, { extensions: { persistedQuery: { version, sha256Hash: hash } } })),
    fc.tuple(documents, fc.option(fc.string({ maxLength: 10 }), { nil: undefined })).map(([query, operationName]) => post(query, {}, { operationName })),
    fc
      .constantFrom('{"query": "{ __typename }"', '{"query":', '{', 'not json', '\u0000', '[]', '{"query": "{ __typename }", "variables": "{"}')
      .map((body): HttpCase => ({ method: 'POST', headers: JSON_TYPE, body, description: 'invalid json' })),
    fc.tuple(documents, fc.boolean()).map(([query, preflight]): HttpCase => ({
      method: 'GET',
      headers: preflight ? { 'apollo-require-preflight': 'true' } : {},
      params: { query, variables: '{"first": 1}' },
      description: 'get',
    })),
    fc
      .constantFrom<Record<string, string>>({ query: '{ __typename }', variables: '{' }, { variables: '{}' }, { query: '{ __typename }', extensions: 'x' })
      .map((params): HttpCase => ({ method: 'GET', headers: { 'apollo-require-preflight': 'true' }, params, description: 'get with odd parameters' })),
    documents.map((query): HttpCase => ({
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: `query=${encodeURIComponent(query)}`,
      description: 'urlencoded post',
    })),
    documents.map((query): HttpCase => ({ method: 'POST', headers: { 'content-type': 'text/plain' }, body: query, description: 'text post' })),
    documents.map((query): HttpCase => ({ method: 'POST', headers: { 'content-type': 'application/graphql' }, body: query, description: 'graphql post' })),
  );
}

/** Malformed requests: corrupted operations of the schema, stress documents, odd request shapes. */
export function malformedArb(operations: fc.Arbitrary<OperationCase>): fc.Arbitrary<HttpCase> {
  const corruptedOps = operations.chain((op) => corrupted(op.query).map((query) => post(query, op.variables)));
  const documents = fc.oneof(
    STRESS_DOCUMENTS,
    operations.map((op) => op.query),
  );
  return fc.oneof(
    { weight: 4, arbitrary: corruptedOps },
    { weight: 3, arbitrary: STRESS_DOCUMENTS.map((query) => post(query)) },
    { weight: 3, arbitrary: oddRequests(documents) },
  );
}
