import { ArgsType, Field } from '@nestjs/graphql';
import { Type } from 'class-transformer';
import { IsEnum, IsOptional, ValidateNested } from 'class-validator';
import { ConnectionArgs } from '@common-ground/shared/graphql';
import { ProblemFilter } from './problem-filter.input';
import { ProblemOrder } from './problem.commands';

@ArgsType()
export class ProblemsArgs extends ConnectionArgs {
  @Field(() => ProblemFilter, { nullable: true })
  @IsOptional()
  @ValidateNested()
  @Type(() => ProblemFilter)
  filter?: ProblemFilter;

  @Field(() => ProblemOrder, { nullable: true, defaultValue: ProblemOrder.NEWEST })
  @IsOptional()
  @IsEnum(ProblemOrder)
  orderBy?: ProblemOrder;
}
