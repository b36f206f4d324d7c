import { PipeTransform, Type } from '@nestjs/common';
// eslint-disable-next-line no-restricted-imports -- the one place that wraps it
import { Args as NestArgs, ArgsOptions } from '@nestjs/graphql';
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
