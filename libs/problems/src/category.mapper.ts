import { CategoryEntity } from './category.entity';
import { CategoryModel } from './category.model';

export function toCategoryModel(entity: CategoryEntity): CategoryModel {
  return { code: entity.code, name: entity.name, sensitive: entity.sensitive, priorityWeight: entity.priorityWeight };
}
