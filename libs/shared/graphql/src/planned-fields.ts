import { Global, Injectable, Module, SetMetadata } from '@nestjs/common';
import { DiscoveryModule, DiscoveryService } from '@nestjs/core';
import {
  FieldNode,
  FragmentDefinitionNode,
  getArgumentValues,
  getDirectiveValues,
  getNamedType,
  GraphQLIncludeDirective,
  GraphQLObjectType,
  GraphQLResolveInfo,
  GraphQLSkipDirective,
  isObjectType,
  SelectionSetNode,
} from 'graphql';

/**
 * Pages planned from the selection: a root read looks at what the client selected once, and
 * every field that can be answered by the same SQL statement is, as a column of its row (a
 * joined name, a LATERAL first page as JSON). The field's resolver then returns the planned
 * value instead of calling a loader: one statement per page, no statement per row.
 *
 * A lib plans its own fields and the fields it adds to lower libs' types with providers marked
 * `@PlansField()`; the lib that owns the row statement asks `FieldPlans` for the columns of the
 * selected fields, so the lower lib never learns about the higher one. A field that no planner
 * can plan (a later page, a conflicting alias) is resolved as before.
 */

/** A field selected on an object type, merged over fragments and aliases of the same key. */
export interface SelectedField {
  /** The response key (the alias, else the name). */
  key: string;
  name: string;
  /** The field's arguments, coerced with the request's variables (defaults applied). */
  args: Record<string, unknown>;
  /** The field nodes, for its own sub-selection. */
  nodes: readonly FieldNode[];
  /** The field's named type when it is an object type. */
  type?: GraphQLObjectType;
}

/** What selection planning needs of a resolver's info. */
export type SelectionInfo = Pick<GraphQLResolveInfo, 'fieldNodes' | 'fragments' | 'variableValues' | 'returnType' | 'schema'>;

function included(node: FieldNode | { directives?: FieldNode['directives'] }, variables: Record<string, unknown>): boolean {
  if (!node.directives?.length) return true;
  const skip = getDirectiveValues(GraphQLSkipDirective, node as FieldNode, variables);
  if (skip?.['if'] === true) return false;
  const include = getDirectiveValues(GraphQLIncludeDirective, node as FieldNode, variables);
  return include?.['if'] !== false;
}

function collect(
  set: SelectionSetNode | undefined,
  type: GraphQLObjectType,
  fragments: Record<string, FragmentDefinitionNode>,
  variables: Record<string, unknown>,
  into: Map<string, FieldNode[]>,
  seen: Set<string>,
): void {
  for (const selection of set?.selections ?? []) {
    if (!included(selection, variables)) continue;
    if (selection.kind === 'Field') {
      const list = into.get(selection.alias?.value ?? selection.name.value) ?? [];
      list.push(selection);
      into.set(selection.alias?.value ?? selection.name.value, list);
    } else if (selection.kind === 'InlineFragment') {
      const on = selection.typeCondition?.name.value;
      if (!on || on === type.name) collect(selection.selectionSet, type, fragments, variables, into, seen);
    } else if (!seen.has(selection.name.value)) {
      seen.add(selection.name.value);
      const fragment = fragments[selection.name.value];
      if (fragment && fragment.typeCondition.name.value === type.name) collect(fragment.selectionSet, type, fragments, variables, into, seen);
    }
  }
}

/**
 * The fields selected on `type` under these nodes, by response key. A key whose nodes disagree
 * on the field or its arguments (possible under two aliases of a parent) is left out: it is
 * not planned, and resolves as without a plan.
 */
export function fieldsOn(nodes: readonly FieldNode[], type: GraphQLObjectType, info: SelectionInfo): SelectedField[] {
  const byKey = new Map<string, FieldNode[]>();
  const seen = new Set<string>();
  for (const node of nodes) collect(node.selectionSet, type, info.fragments, info.variableValues, byKey, seen);
  const fields: SelectedField[] = [];
  const definitions = type.getFields();
  for (const [key, list] of byKey) {
    const name = list[0].name.value;
    const definition = definitions[name];
    if (!definition) continue; // __typename and other meta fields
    const args = getArgumentValues(definition, list[0], info.variableValues);
    if (list.some((node) => node.name.value !== name || JSON.stringify(getArgumentValues(definition, node, info.variableValues)) !== JSON.stringify(args))) {
      continue;
    }
    const named = getNamedType(definition.type);
    fields.push({ key, name, args, nodes: list, type: isObjectType(named) ? named : undefined });
  }
  return fields;
}

/**
 * The fields selected on the object at `path` below the field being resolved, e.g.
 * `['edges', 'node']` for the nodes of a connection (every alias of `edges` merged).
 */
export function selectionAt(info: SelectionInfo, path: readonly string[]): { fields: SelectedField[]; type?: GraphQLObjectType } {
  let type = getNamedType(info.returnType);
  let nodes: readonly FieldNode[] = info.fieldNodes;
  for (const name of path) {
    if (!isObjectType(type)) return { fields: [] };
    const matching = fieldsOnAnyKey(nodes, type, info, name);
    const next = type.getFields()[name];
    if (!next) return { fields: [] };
    type = getNamedType(next.type);
    nodes = matching;
  }
  if (!isObjectType(type)) return { fields: [] };
  return { fields: fieldsOn(nodes, type, info), type };
}

function fieldsOnAnyKey(nodes: readonly FieldNode[], type: GraphQLObjectType, info: SelectionInfo, name: string): FieldNode[] {
  const byKey = new Map<string, FieldNode[]>();
  for (const node of nodes) collect(node.selectionSet, type, info.fragments, info.variableValues, byKey, new Set());
  return [...byKey.values()].flat().filter((node) => node.name.value === name);
}

/** The sub-selection of a selected field of object type, with its own type. */
export function subSelection(field: SelectedField, info: SelectionInfo, path: readonly string[] = []): SelectedField[] {
  let type: GraphQLObjectType | undefined = field.type;
  let nodes: readonly FieldNode[] = field.nodes;
  for (const name of path) {
    if (!type) return [];
    nodes = fieldsOnAnyKey(nodes, type, info, name);
    const named = getNamedType(type.getFields()[name]?.type);
    type = isObjectType(named) ? named : undefined;
  }
  return type ? fieldsOn(nodes, type, info) : [];
}

/** Positional parameters of one statement: `add` returns `$n` (with a cast when given). */
export class SqlParams {
  readonly values: unknown[] = [];

  add(value: unknown, cast?: string): string {
    this.values.push(value);
    return cast ? `$${this.values.length}::${cast}` : `$${this.values.length}`;
  }
}

/** How a planner's column is read back: the row's value of the column, turned into the field's value. */
export interface FieldPlan {
  /** A SQL expression over the row's alias (a scalar subquery, a JSON object or array). */
  sql: string;
  read(value: unknown): unknown;
}

/** What a planner is given besides the field. */
export interface PlanScope {
  /** The alias of the row the field belongs to, in the statement being built. */
  alias: string;
  params: SqlParams;
  /** The GraphQL context of the request (viewer, per-request state). */
  context: unknown;
  info: SelectionInfo;
  plans: FieldPlans;
}

/** Plans one field of one type; returns null when this selection cannot be planned. */
export interface FieldPlanner {
  readonly type: string;
  readonly field: string;
  plan(field: SelectedField, scope: PlanScope): FieldPlan | null;
}

const FIELD_PLANNER = Symbol('field-planner');

/** Marks a provider as a `FieldPlanner`: found at start, as SARA gates and event handlers are. */
export const PlansField = (): ClassDecorator => SetMetadata(FIELD_PLANNER, true);

const PLANNED = Symbol('planned');

/** A planned column of a row statement. */
export interface PlannedColumn {
  key: string;
  /** The column's name in the statement (`pf_<n>`). */
  column: string;
  sql: string;
  read(value: unknown): unknown;
}

/** The value planned for the field being resolved on this parent, or undefined (not planned). */
export function plannedValue<T>(parent: object, info: Pick<GraphQLResolveInfo, 'path'>): T | undefined {
  const planned = (parent as { [PLANNED]?: Map<string, unknown> })[PLANNED];
  return planned?.get(String(info.path.key)) as T | undefined;
}

/** Whether a value was planned for the field being resolved (a planned value may be null). */
export function isPlanned(parent: object, info: Pick<GraphQLResolveInfo, 'path'>): boolean {
  return (parent as { [PLANNED]?: Map<string, unknown> })[PLANNED]?.has(String(info.path.key)) ?? false;
}

/** Gives a model the values planned for its fields, read from its row. */
export function attachPlanned<T extends object>(target: T, row: Record<string, unknown>, columns: readonly PlannedColumn[]): T {
  if (!columns.length) return target;
  const planned = new Map<string, unknown>();
  for (const column of columns) planned.set(column.key, column.read(row[column.column]));
  Object.defineProperty(target, PLANNED, { value: planned, enumerable: false });
  return target;
}

/** The model of a read row keeps the row's planned values (mappers build new objects). */
export function carryPlanned<T extends object>(from: object, to: T): T {
  const planned = (from as { [PLANNED]?: Map<string, unknown> })[PLANNED];
  if (planned) Object.defineProperty(to, PLANNED, { value: planned, enumerable: false });
  return to;
}

/** The SELECT list items of planned columns (with a leading comma, or nothing). */
export function plannedSelect(columns: readonly PlannedColumn[]): string {
  return columns.map((column) => `, ${column.sql} AS "${column.column}"`).join('');
}

/** The planners of the application's modules, by type and field. */
@Injectable()
export class FieldPlans {
  private planners?: Map<string, FieldPlanner>;

  constructor(private readonly discovery?: DiscoveryService) {}

  /** The planners given (unit specs), instead of the ones the modules provide. */
  static of(...planners: FieldPlanner[]): FieldPlans {
    const plans = new FieldPlans();
    plans.planners = new Map(planners.map((planner) => [`${planner.type}.${planner.field}`, planner]));
    return plans;
  }

  /** The columns of every selected field of `type` that a planner can plan at this row alias. */
  columns(type: string, fields: readonly SelectedField[], scope: Omit<PlanScope, 'plans'>): PlannedColumn[] {
    const columns: PlannedColumn[] = [];
    for (const field of fields) {
      const planner = this.wired().get(`${type}.${field.name}`);
      const plan = planner?.plan(field, { ...scope, plans: this });
      // Named by the row alias and position: unique in the statement, the same for the same shape.
      if (plan) columns.push({ key: field.key, column: `pf_${scope.alias}_${columns.length}`, sql: plan.sql, read: plan.read });
    }
    return columns;
  }

  private wired(): Map<string, FieldPlanner> {
    this.planners ??= new Map(
      (this.discovery?.getProviders() ?? [])
        .filter((wrapper) => !wrapper.isAlias && wrapper.instance && Reflect.getMetadata(FIELD_PLANNER, (wrapper.instance as object).constructor) === true)
        .map((wrapper) => {
          const planner = wrapper.instance as FieldPlanner;
          return [`${planner.type}.${planner.field}`, planner] as const;
        }),
    );
    return this.planners;
  }
}

/** Provides `FieldPlans` everywhere; imported once, by the application module. */
@Global()
@Module({ imports: [DiscoveryModule], providers: [FieldPlans], exports: [FieldPlans] })
export class FieldPlansModule {}
