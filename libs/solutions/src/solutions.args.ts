import { ArgsType, Field, registerEnumType } from '@nestjs/graphql';
import { IsEnum, IsOptional } from 'class-validator';
import { ConnectionArgs } from '@common-ground/shared/graphql';

export enum SolutionOrder {
  TOP = 'TOP',
  NEWEST = 'NEWEST',
}

registerEnumType(SolutionOrder, {
  name: 'SolutionOrder',
  valuesMap: {
    TOP: { description: 'Best ranked first: the lower confidence bound of the share of UP votes, so 95 of 100 beats 3 of 3.' },
    NEWEST: { description: 'Most recently proposed first.' },
  },
});

@ArgsType()
export class SolutionsArgs extends ConnectionArgs {
  @Field(() => SolutionOrder, { nullable: true, defaultValue: SolutionOrder.TOP })
  @IsOptional()
  @IsEnum(SolutionOrder)
  orderBy?: SolutionOrder;
}
