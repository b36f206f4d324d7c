import { ArgsType, Field, ID, InputType } from '@nestjs/graphql';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsBoolean, IsEnum, IsOptional, IsUUID, ValidateNested } from 'class-validator';
import { ConnectionArgs } from '@common-ground/shared/graphql';
import { ActionStatus } from './action-status';

const MAX_STATUSES = Object.keys(ActionStatus).length;

@InputType()
export class ActionFilter {
  @Field(() => ID, { nullable: true, description: 'Assigned to this officer.' })
  @IsOptional()
  @IsUUID('all', { message: 'must be a UUID' })
  assigneeId?: string | null;

  @Field(() => ID, { nullable: true, description: 'Assigned to this organisation.' })
  @IsOptional()
  @IsUUID('all', { message: 'must be a UUID' })
  organisationId?: string | null;

  @Field(() => ID, { nullable: true, description: 'On problems in this area (by the exact point).' })
  @IsOptional()
  @IsUUID('all', { message: 'must be a UUID' })
  areaId?: string | null;

  @Field(() => [ActionStatus], { nullable: true, description: `At most ${MAX_STATUSES}.` })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(MAX_STATUSES, { message: `must have at most ${MAX_STATUSES} entries` })
  @IsEnum(ActionStatus, { each: true })
  statuses?: ActionStatus[] | null;

  @Field(() => Boolean, { nullable: true, description: 'true: only overdue ones (due date passed, not DONE or CANCELLED); false: only those that are not.' })
  @IsOptional()
  @IsBoolean()
  overdue?: boolean | null;
}

@ArgsType()
export class ActionsArgs extends ConnectionArgs {
  @Field(() => ActionFilter, { nullable: true })
  @IsOptional()
  @ValidateNested()
  @Type(() => ActionFilter)
  filter?: ActionFilter | null;
}
