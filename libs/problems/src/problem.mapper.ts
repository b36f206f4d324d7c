import { carryPlanned } from '@common-ground/shared/graphql';
import { ProblemAnalysisEntity, ProblemEntity } from './problem.entity';
import { ProblemAnalysisModel, ProblemModel } from './problem.model';

/** The model keeps the values a read planned for the row's fields (see ProblemReader). */
export function toProblemModel(entity: ProblemEntity): ProblemModel {
  return carryPlanned(entity, {
    id: entity.id,
    title: entity.title,
    description: entity.description,
    status: entity.status,
    statusNote: entity.statusNote,
    anonymous: entity.anonymous,
    supportCount: entity.supportCount,
    reportedAt: entity.reportedAt,
    updatedAt: entity.updatedAt,
    statusChangedAt: entity.statusChangedAt,
    hidden: entity.hidden,
    solutionCount: entity.solutionCount,
    categoryCode: entity.categoryCode,
    lat: entity.lat,
    lng: entity.lng,
    publicLat: entity.publicLat,
    publicLng: entity.publicLng,
    address: entity.address,
    areaId: entity.areaId,
    publicAreaId: entity.publicAreaId,
    reporterId: entity.reporterId,
    duplicateOfId: entity.duplicateOfId,
    leadOfficerId: entity.leadOfficerId,
    responseProgress: entity.responseProgress,
  });
}

export function toAnalysisModel(entity: ProblemAnalysisEntity): ProblemAnalysisModel {
  return {
    offender: entity.offender,
    victim: entity.victim,
    place: entity.place,
    handler: entity.handler,
    guardian: entity.guardian,
    manager: entity.manager,
    hypothesis: entity.hypothesis,
    recordedAt: entity.recordedAt,
    updatedAt: entity.updatedAt,
    recordedById: entity.recordedById,
  };
}
