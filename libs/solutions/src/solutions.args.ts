import { ArgsType, Field } from '@nestjs/graphql';
import { IsEnum, IsOptional } from 'class-validator';
import { ConnectionArgs } from '@common-ground/shared/graphql';
import { SolutionOrder } from './ranking';

@ArgsType()
export class SolutionsArgs extends ConnectionArgs {
  @Field(() => SolutionOrder, { nullable: true, defaultValue: SolutionOrder.TOP })
  @IsOptional()
  @IsEnum(SolutionOrder)
  orderBy?: SolutionOrder;
}
