import fc from 'fast-check';
import {
  getNamedType,
  GraphQLArgument,
  GraphQLField,
  GraphQLInputType,
  GraphQLNamedOutputType,
  GraphQLObjectType,
  GraphQLSchema,
  isEnumType,
  isInputObjectType,
  isInterfaceType,
  isLeafType,
  isListType,
  isNonNullType,
  isObjectType,
  isUnionType,
} from 'graphql';

/**
 * Random requests built from the schema itself: every root field of every operation type, with
 * arguments shaped by their types (and often mis-shaped: wrong types, nulls, NUL bytes, lone
 * surrogates, huge and tiny numbers, forged cursors), sent as variables or inline literals. New
 * operations are covered as soon as they are in the schema.
 */

/** Values the cases draw on: real ids and cursors of the test database, category codes. */
export interface Pools {
  ids: string[];
  cursors: string[];
  strings: string[];
}

export type OperationKind = 'query' | 'mutation' | 'subscription';

export interface RootField {
  kind: OperationKind;
  field: GraphQLField<unknown, unknown>;
}

export interface OperationCase {
  kind: OperationKind;
  field: string;
  query: string;
  variables: Record<string, unknown>;
}

/** An enum value: a bare name in a literal, a string in variables. */
class EnumValue {
  constructor(readonly name: string) {}
  toJSON(): string {
    return this.name;
  }
}

/** Every root field of the schema, by operation type. */
export function rootFields(schema: GraphQLSchema): RootField[] {
  const roots: [OperationKind, GraphQLObjectType | null | undefined][] = [
    ['query', schema.getQueryType()],
    ['mutation', schema.getMutationType()],
    ['subscription', schema.getSubscriptionType()],
  ];
  return roots.flatMap(([kind, type]) => (type ? Object.values(type.getFields()).map((field) => ({ kind, field })) : []));
}

const MAX_SELECTED = 60;

/** A selection of the type's fields without required arguments, `depth` levels deep. */
export function selectionOf(type: GraphQLNamedOutputType, depth: number, budget = { left: MAX_SELECTED }): string {
  if (isLeafType(type)) return '';
  if (isUnionType(type) || depth <= 0) return '{ __typename }';
  const fields = Object.values((type as GraphQLObjectType).getFields()).filter((f) =>
    f.args.every((a) => !isNonNullType(a.type) || a.defaultValue !== undefined),
  );
  const parts: string[] = ['__typename'];
  for (const field of fields) {
    if (budget.left <= 0) break;
    const named = getNamedType(field.type);
    budget.left -= 1;
    if (isLeafType(named)) parts.push(field.name);
    else if (isObjectType(named) || isInterfaceType(named) || isUnionType(named)) parts.push(`${field.name} ${selectionOf(named, depth - 1, budget)}`);
  }
  return `{ ${parts.join(' ')} }`;
}

const UUID_LIKE = fc.uuid();
const NUL = fc.constantFrom('\u0000', 'a\u0000b', '\u0000\u0000');
const LONE_SURROGATE = fc.constantFrom('\ud800', 'x\udfffy', '\udc00@example.org', 'ok\ud83d');
const TRICKY_STRINGS = fc.oneof(
  NUL,
  LONE_SURROGATE,
  fc.constantFrom('', ' ', '\n', '%', '_', "'", '"', '\\', '--', '/*', '$1', '{}', 'null', 'NaN', '1e309', '-0', '💥'.repeat(3), '\u202e', '\ufeff'),
  fc.constantFrom('a'.repeat(300), 'x'.repeat(1_200), 'é'.repeat(600)),
  fc.string({ unit: 'binary', maxLength: 40 }),
);

function stringArb(name: string, pools: Pools): fc.Arbitrary<string> {
  const pooled = pools.strings.length ? fc.constantFrom(...pools.strings) : fc.constant('OTHER');
  const byName: fc.Arbitrary<string>[] = [];
  if (/email/i.test(name)) byName.push(fc.emailAddress(), fc.constantFrom('not-an-email', 'a@b', '@', 'x@example.org'));
  if (/^(after|before|cursor)$/i.test(name)) byName.push(cursorArb(pools));
  if (/password/i.test(name)) byName.push(fc.constantFrom('short', 'a perfectly fine password', 'x'.repeat(1_000)));
  return fc.oneof(
    { weight: 4, arbitrary: fc.string({ maxLength: 30 }) },
    { weight: 3, arbitrary: fc.oneof(pooled, ...byName) },
    { weight: 2, arbitrary: TRICKY_STRINGS },
    { weight: 1, arbitrary: fc.string({ unit: 'grapheme', maxLength: 20 }) },
  );
}

/** Cursors: real ones (of every list and ordering), and forged base64 JSON with wrong types. */
export function cursorArb(pools: Pools): fc.Arbitrary<string> {
  const real = pools.cursors.length ? fc.constantFrom(...pools.cursors) : fc.constant('');
  const scopes = pools.cursors.flatMap((cursor) => {
    const decoded = decode(cursor);
    return Array.isArray(decoded) && typeof decoded[0] === 'string' ? [decoded[0]] : [];
  });
  const scope = scopes.length ? fc.constantFrom(...scopes) : fc.string({ maxLength: 8 });
  const keyValue = fc.oneof(
    fc.constant(null),
    fc.integer(),
    fc.double({ noNaN: true, noDefaultInfinity: true }),
    fc.boolean(),
    UUID_LIKE,
    fc.string({ maxLength: 12 }),
    fc.constantFrom('2026-02-30 00:00:00+00', '2026-11-28 10:00:00.123456+00', '1e999', '1e-400', '5e-324', 'NaN', '-Infinity', '99999999999'),
    fc.constant({}),
    fc.constant([]),
  );
  const forged = fc.tuple(scope, fc.array(keyValue, { maxLength: 4 })).map(([tag, values]) => encode([tag, ...values]));
  const shuffled = real.map((cursor) => {
    const decoded = decode(cursor);
    return Array.isArray(decoded) ? encode([decoded[0], ...decoded.slice(1).reverse()]) : cursor;
  });
  return fc.oneof(real, forged, shuffled, fc.string({ maxLength: 20 }), fc.base64String({ maxLength: 40 }), fc.constant(encode([null, null])));
}

function encode(value: unknown): string {
  return Buffer.from(JSON.stringify(value), 'utf8').toString('base64url');
}

function decode(cursor: string): unknown {
  try {
    return JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    return undefined;
  }
}

const ANY_JSON: fc.Arbitrary<unknown> = fc.oneof(
  fc.constant(null),
  fc.boolean(),
  fc.integer(),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
  fc.string({ maxLength: 10 }),
  fc.constant([]),
  fc.constant({}),
  fc.constant({ nested: { deeper: [1, 'two', null] } }),
);

function scalarArb(scalar: string, name: string, pools: Pools): fc.Arbitrary<unknown> {
  switch (scalar) {
    case 'Int':
      return fc.oneof(
        fc.integer({ min: -3, max: 120 }),
        fc.integer(),
        fc.constantFrom(0, -1, 1, 20, 100, 101, 2_147_483_647, -2_147_483_648, 2_147_483_648, 2 ** 53 + 2, 1.5),
      );
    case 'SafeInt':
      return fc.oneof(
        fc.integer({ min: -10, max: 1_000_000 }),
        fc.constantFrom(0, -1, Number.MAX_SAFE_INTEGER, Number.MIN_SAFE_INTEGER, Number.MAX_SAFE_INTEGER + 2, 1e21, 0.5),
        fc.maxSafeInteger(),
      );
    case 'Float':
      return fc.oneof(
        fc.double({ min: -200, max: 200, noNaN: true }),
        fc.double({ noNaN: true, noDefaultInfinity: true }),
        fc.constantFrom(0, -0, 5e-324, -5e-324, 2.2250738585072014e-308, 1e-10, 1e308, -1e308, Number.MAX_VALUE, 90.0000001, -180.5, 50_000, 50_001),
      );
    case 'Boolean':
      return fc.boolean();
    case 'ID':
      return fc.oneof(
        { weight: 4, arbitrary: pools.ids.length ? fc.constantFrom(...pools.ids) : UUID_LIKE },
        { weight: 2, arbitrary: UUID_LIKE },
        { weight: 1, arbitrary: fc.constantFrom('not-a-uuid', '', '00000000-0000-0000-0000-000000000000', 'FFFFFFFF-FFFF-7FFF-BFFF-FFFFFFFFFFFF', '1') },
        { weight: 1, arbitrary: TRICKY_STRINGS },
      );
    case 'DateTime':
      return fc.oneof(
        fc.date({ min: new Date('1900-01-01'), max: new Date('2200-01-01'), noInvalidDate: true }).map((d) => d.toISOString()),
        fc.constantFrom(
          '2026-02-30T00:00:00Z',
          '0000-01-01T00:00:00Z',
          '+275760-09-13T00:00:00.000Z',
          '9999-12-31T23:59:59.999Z',
          'yesterday',
          '',
          '2026-01-01',
        ),
      );
    case 'String':
      return stringArb(name, pools);
    default:
      return fc.oneof(stringArb(name, pools), ANY_JSON);
  }
}

/** A value for an input type: usually of its shape, sometimes not. */
export function valueArb(type: GraphQLInputType, name: string, pools: Pools, depth = 0): fc.Arbitrary<unknown> {
  if (isNonNullType(type)) {
    const inner = valueArb(type.ofType, name, pools, depth);
    return fc.oneof({ weight: 30, arbitrary: inner }, { weight: 1, arbitrary: fc.constant(null) });
  }
  const shaped = shapedArb(type, name, pools, depth);
  return fc.oneof(
    { weight: 16, arbitrary: shaped },
    { weight: 2, arbitrary: fc.constant(undefined) },
    { weight: 1, arbitrary: fc.constant(null) },
    { weight: 1, arbitrary: ANY_JSON },
  );
}

function shapedArb(type: GraphQLInputType, name: string, pools: Pools, depth: number): fc.Arbitrary<unknown> {
  if (isNonNullType(type)) return shapedArb(type.ofType, name, pools, depth);
  if (isListType(type)) {
    const item = valueArb(type.ofType, name, pools, depth + 1);
    return fc.oneof(
      { weight: 6, arbitrary: fc.array(item, { maxLength: 4 }) },
      { weight: 1, arbitrary: item },
      { weight: 1, arbitrary: fc.array(item, { minLength: 51, maxLength: 60 }) },
    );
  }
  if (isEnumType(type)) {
    const values = type.getValues().map((v) => new EnumValue(v.name));
    return fc.oneof({ weight: 8, arbitrary: fc.constantFrom(...values) }, { weight: 1, arbitrary: fc.constantFrom(new EnumValue('NOT_A_VALUE'), 'lowercase') });
  }
  if (isInputObjectType(type)) {
    if (depth > 4) return fc.constant({});
    const fields = Object.values(type.getFields());
    const record: Record<string, fc.Arbitrary<unknown>> = {};
    for (const field of fields) record[field.name] = valueArb(field.type, field.name, pools, depth + 1);
    const extra = fc.option(fc.constantFrom('unknownField', '__proto__', 'constructor'), { freq: 10, nil: undefined });
    return fc.tuple(fc.record(record), extra).map(([value, unknown]) => {
      const object = Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined));
      return unknown ? { ...object, [unknown]: 1 } : object;
    });
  }
  return scalarArb(getNamedType(type).name, name, pools);
}

/** A GraphQL literal for a value (strings as JSON strings, which GraphQL reads the same). */
export function literal(value: unknown): string {
  if (value instanceof EnumValue) return value.name;
  if (value === null || value === undefined) return 'null';
  if (typeof value === 'string') return JSON.stringify(value);
  if (typeof value === 'number') return Object.is(value, -0) ? '-0' : String(value).replace('e+', 'e');
  if (typeof value === 'boolean') return String(value);
  if (Array.isArray(value)) return `[${value.map(literal).join(', ')}]`;
  return `{ ${Object.entries(value as Record<string, unknown>)
    .filter(([key]) => /^[_A-Za-z][_0-9A-Za-z]*$/.test(key))
    .map(([key, v]) => `${key}: ${literal(v)}`)
    .join(', ')} }`;
}

/** A request for one root field: arguments as variables or inline literals, a selection of its result. */
export function operationArb(root: RootField, pools: Pools): fc.Arbitrary<OperationCase> {
  const { kind, field } = root;
  const args = field.args;
  const argValues = fc.tuple(...args.map((arg) => fc.tuple(valueArb(arg.type, arg.name, pools), fc.boolean())));
  return fc.tuple(argValues, fc.integer({ min: 1, max: 3 })).map(([values, depth]) => {
    const declarations: string[] = [];
    const passed: string[] = [];
    const variables: Record<string, unknown> = {};
    values.forEach(([value, inline], i) => {
      const arg: GraphQLArgument = args[i];
      if (value === undefined) return;
      if (inline) {
        passed.push(`${arg.name}: ${literal(value)}`);
      } else {
        declarations.push(`$${arg.name}: ${String(arg.type)}`);
        passed.push(`${arg.name}: $${arg.name}`);
        variables[arg.name] = JSON.parse(JSON.stringify(value)) as unknown;
      }
    });
    const header = declarations.length ? `${kind} Fuzz(${declarations.join(', ')})` : `${kind} Fuzz`;
    const call = passed.length ? `${field.name}(${passed.join(', ')})` : field.name;
    const selection = selectionOf(getNamedType(field.type) as GraphQLNamedOutputType, depth);
    return { kind, field: field.name, query: `${header} { ${call} ${selection} }`, variables };
  });
}
