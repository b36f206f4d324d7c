import { Mutation, Query, Resolver } from '@nestjs/graphql';
import { Auth, Role } from '@common-ground/shared/auth';
import { Args, atInput } from '@common-ground/shared/graphql';
import { toCategoryModel } from './category.mapper';
import { CreateCategoryInput } from './create-category.input';
import { UpdateCategoryInput } from './update-category.input';
import { CategoryService } from './category.service';
import { CategoryModel } from './category.model';

@Resolver(() => CategoryModel)
export class CategoryResolver {
  constructor(private readonly categoryService: CategoryService) {}

  @Auth({ public: true })
  @Query(() => [CategoryModel])
  async categories(): Promise<CategoryModel[]> {
    return (await this.categoryService.list()).map(toCategoryModel);
  }

  @Auth({ roles: [Role.ADMIN] })
  @Mutation(() => CategoryModel)
  async createCategory(@Args('input') input: CreateCategoryInput): Promise<CategoryModel> {
    return toCategoryModel(await atInput(this.categoryService.create(input)));
  }

  @Auth({ roles: [Role.ADMIN] })
  @Mutation(() => CategoryModel, { description: 'Making a category sensitive coarsens the public location of its problems.' })
  async updateCategory(@Args('input') input: UpdateCategoryInput): Promise<CategoryModel> {
    return toCategoryModel(await atInput(this.categoryService.update(input)));
  }
}
