import { ActionEntity, ActionUpdateEntity } from './action.entity';
import { ActionModel, ActionUpdateModel } from './action.model';
import { isOverdue } from './action-status';

/** The only place that knows both shapes: no column reaches the API by accident. */
export function toActionModel(entity: ActionEntity, now: Date = new Date()): ActionModel {
  return {
    id: entity.id,
    title: entity.title,
    description: entity.description,
    status: entity.status,
    progressPercent: entity.progressPercent,
    visibility: entity.visibility,
    dueAt: entity.dueAt,
    overdue: isOverdue(entity, now),
    createdAt: entity.createdAt,
    updatedAt: entity.updatedAt,
    finishedAt: entity.finishedAt,
    problemId: entity.problemId,
    solutionId: entity.solutionId,
    assigneeId: entity.assigneeId,
    organisationId: entity.organisationId,
    createdById: entity.createdById,
  };
}

export function toActionUpdateModel(entity: ActionUpdateEntity): ActionUpdateModel {
  return {
    id: entity.id,
    at: entity.at,
    note: entity.note,
    status: entity.status,
    progressPercent: entity.progressPercent,
    dueAt: entity.dueAt,
    authorId: entity.authorId,
  };
}
