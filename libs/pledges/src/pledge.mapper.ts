import type { AuthenticatedUser } from '@common-ground/shared/auth';
import { PledgeChangeEntity, PledgeEntity } from './pledge.entity';
import { PledgeChangeModel, PledgeModel } from './pledge.model';
import { seesEvidence } from './pledge-visibility';

/** The only place that knows both shapes: no column reaches the API by accident. */
export function toPledgeModel(entity: PledgeEntity, viewer?: AuthenticatedUser): PledgeModel {
  return {
    id: entity.id,
    kind: entity.kind,
    amount: entity.amountMinor !== null && entity.currency !== null ? { amountMinor: entity.amountMinor, currency: entity.currency } : null,
    capacity:
      entity.capacityKind !== null && entity.quantity !== null
        ? { kind: entity.capacityKind, quantity: entity.quantity, unit: entity.unit, description: entity.description, needId: entity.capacityNeedId }
        : null,
    status: entity.status,
    note: entity.note,
    isMatch: entity.matchOfferId !== null,
    evidence: seesEvidence(entity, viewer) ? entity.evidence : null,
    createdAt: entity.createdAt,
    fulfilledAt: entity.fulfilledAt,
    solutionId: entity.solutionId,
    pledgedById: entity.pledgedById,
    organisationId: entity.organisationId,
    matchesPledgeId: entity.matchesPledgeId,
  };
}

export function toPledgeChangeModel(entity: PledgeChangeEntity): PledgeChangeModel {
  return { at: entity.at, fromStatus: entity.fromStatus, toStatus: entity.toStatus, note: entity.note, actorId: entity.actorId };
}
