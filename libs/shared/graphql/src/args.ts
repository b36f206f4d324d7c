import { PipeTransform, Type } from '@nestjs/common';
// eslint-disable-next-line no-restricted-imports -- the one place that wraps it
import { Args as NestArgs, ArgsOptions, TypeMetadataStorage } from '@nestjs/graphql';
import { LazyMetadataStorage } from '@nestjs/graphql/dist/schema-builder/storages/lazy-metadata.storage.js';
import { GraphQLValidationPipe } from './validation';

type Pipe = Type<PipeTransform> | PipeTransform;

/**
 * `@Args` that validates: the arguments (inputs and args classes) go through
 * GraphQLValidationPipe after any pipes given. Use it instead of @nestjs/graphql's (lint
 * enforces it). Validation sits on the arguments rather than being a global pipe because Nest
 * runs global pipes on every parameter of every field resolver (its parent, context, info) for
 * every row of a list.
 */
export function Args(): ParameterDecorator;
export function Args(property: string, ...pipes: Pipe[]): ParameterDecorator;
export function Args(property: string, options: ArgsOptions, ...pipes: Pipe[]): ParameterDecorator;
export function Args(...params: unknown[]): ParameterDecorator {
  return (NestArgs as (...all: unknown[]) => ParameterDecorator)(...params, GraphQLValidationPipe);
}

/** The validation of row field arguments (one instance: its memo serves every row of every page). */
const ROW_ARGS = new GraphQLValidationPipe();

/**
 * Declares the arguments of a field resolved on every row of a page (an `@ArgsType()` class) in
 * the schema exactly as `@Args()` would, without a parameter decorator, so Nest binds the
 * resolver directly (no per-call pipeline). The method gets GraphQL's coerced arguments as its
 * second parameter and must pass them through {@link rowArgs}, which validates them as `@Args`
 * does.
 */
export function RowArgs(argsType: () => Type): MethodDecorator {
  return (target, key) => {
    LazyMetadataStorage.store(target.constructor as Type, () => {
      TypeMetadataStorage.addMethodParamMetadata({
        kind: 'args',
        target: target.constructor as Type,
        methodName: String(key),
        typeFn: argsType,
        index: 1,
        options: {},
      });
    });
  };
}

/**
 * The validated, transformed arguments of a `@RowArgs` field: synchronously when the same
 * arguments were valid before (every row after the first), else through the validation pipe
 * (BAD_USER_INPUT naming the field, as with `@Args`).
 */
export function rowArgs<T extends object>(argsType: Type<T>, raw: unknown): T | Promise<T> {
  return ROW_ARGS.known(argsType, raw) ?? (ROW_ARGS.transform(raw, { type: 'query', metatype: argsType, data: undefined }) as Promise<T>);
}
