import { ContentFlagEntity, ModerationActionEntity, ModerationStateEntity } from './moderation.entity';
import { ContentFlagModel, FlaggedItemModel, ModerationEntryModel } from './moderation.model';

export function toModerationEntryModel(entity: ModerationActionEntity): ModerationEntryModel {
  return {
    id: entity.id,
    action: entity.action,
    automatic: entity.moderatorId === null,
    reason: entity.reason,
    at: entity.createdAt,
    moderatorId: entity.moderatorId,
  };
}

export function toContentFlagModel(entity: ContentFlagEntity): ContentFlagModel {
  return { reason: entity.reason, at: entity.createdAt, newAccount: entity.newAccount, userId: entity.userId };
}

export function toFlaggedItemModel(entity: ModerationStateEntity): FlaggedItemModel {
  return {
    kind: entity.targetType,
    targetId: entity.targetId,
    pendingFlags: entity.pendingFlags,
    countedFlags: entity.countedFlags,
    flagCount: entity.totalFlags,
    lastFlaggedAt: entity.lastFlaggedAt,
  };
}
