import { AreaEntity } from './area.entity';
import { AreaModel } from './area.model';
import { fromPgPolygon } from './geo';

export function toAreaModel(entity: AreaEntity): AreaModel {
  return { id: entity.id, name: entity.name, boundary: fromPgPolygon(entity.boundary), createdAt: entity.createdAt };
}
