import { carryPlanned } from '@common-ground/shared/graphql';
import { MatchOfferEntity } from './match-offer.entity';
import { MatchOfferModel } from './match-offer.model';

/** An offer as the API shows it, with the values a read planned for its fields. */
export function toMatchOfferModel(entity: MatchOfferEntity): MatchOfferModel {
  return carryPlanned(entity, {
    id: entity.id,
    cap: { amountMinor: entity.capMinor, currency: entity.currency },
    ratio: entity.ratio,
    matched: { amountMinor: entity.matchedMinor, currency: entity.currency },
    createdAt: entity.createdAt,
    organisationId: entity.organisationId,
    solutionId: entity.solutionId,
  });
}
