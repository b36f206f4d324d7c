import { GraphQLExecutor } from '../graphql-client';
import { CREATE_PLEDGE, MARK_PLEDGE_FULFILLED, OFFER_MATCH_FUNDING, WITHDRAW_PLEDGE } from '../documents';
import { FactoryUser, Staff } from './users';

/** The capacity kinds (the API's `CapacityKind`). */
export type CapacityKindName = 'VOLUNTEER_HOURS' | 'EQUIPMENT' | 'SKILL' | 'VENUE' | 'MATERIALS' | 'OTHER';

export interface FactoryPledge {
  id: string;
  solutionId: string;
  pledger: FactoryUser;
  status: 'PLEDGED' | 'FULFILLED' | 'WITHDRAWN' | 'RELEASED';
}

interface PledgeDraft {
  by?: FactoryUser;
  solutionId?: string;
  amount?: { amountMinor: number; currency: string };
  capacity?: { kind: CapacityKindName; quantity: number; unit?: string | null; description?: string | null; needId?: string | null };
  organisationId?: string | null;
  note?: string | null;
}

/** `pledges.by(user).toward(solution).funding(1000).pledge()`: one `createPledge`. */
export class PledgeBuilder {
  constructor(
    private readonly factory: PledgeFactory,
    private readonly draft: PledgeDraft,
  ) {}

  by(pledger: FactoryUser): PledgeBuilder {
    return this.with({ by: pledger });
  }

  toward(solution: { id: string }): PledgeBuilder {
    return this.with({ solutionId: solution.id });
  }

  funding(amountMinor: number, currency = 'GBP'): PledgeBuilder {
    return this.with({ amount: { amountMinor, currency }, capacity: undefined });
  }

  capacity(kind: CapacityKindName, quantity: number, more: { unit?: string; description?: string; needId?: string } = {}): PledgeBuilder {
    return this.with({ capacity: { kind, quantity, ...more }, amount: undefined });
  }

  /** On behalf of an organisation the pledger belongs to. */
  forOrganisation(organisation: { id: string }): PledgeBuilder {
    return this.with({ organisationId: organisation.id });
  }

  noted(note: string): PledgeBuilder {
    return this.with({ note });
  }

  async pledge(): Promise<FactoryPledge> {
    if (!this.draft.solutionId) throw new Error('pledges: say toward which solution (.toward(solution))');
    if (!this.draft.amount && !this.draft.capacity) throw new Error('pledges: say what is pledged (.funding(…) or .capacity(…))');
    const pledger = this.draft.by ?? (await this.factory.staff.resident());
    const { createPledge } = await this.factory.gql.ok<{ createPledge: { id: string } }>(
      CREATE_PLEDGE,
      {
        input: {
          solutionId: this.draft.solutionId,
          kind: this.draft.amount ? 'FUNDING' : 'CAPACITY',
          amount: this.draft.amount ?? null,
          capacity: this.draft.capacity ?? null,
          organisationId: this.draft.organisationId ?? null,
          note: this.draft.note ?? null,
        },
      },
      pledger.token,
    );
    return { id: createPledge.id, solutionId: this.draft.solutionId, pledger, status: 'PLEDGED' };
  }

  /** Pledged, then fulfilled by an officer (default: the factories' officer) with `evidence`. */
  async fulfilled(evidence = 'Delivered and checked', by?: FactoryUser): Promise<FactoryPledge> {
    const pledge = await this.pledge();
    await this.factory.fulfil(pledge, evidence, by);
    return { ...pledge, status: 'FULFILLED' };
  }

  private with(change: Partial<PledgeDraft>): PledgeBuilder {
    return new PledgeBuilder(this.factory, { ...this.draft, ...change });
  }
}

/** Pledges and match offers, through `createPledge`, `withdrawPledge`, `markPledgeFulfilled` and `offerMatchFunding`. */
export class PledgeFactory {
  constructor(
    readonly gql: GraphQLExecutor,
    readonly staff: Staff,
  ) {}

  by(pledger: FactoryUser): PledgeBuilder {
    return new PledgeBuilder(this, { by: pledger });
  }

  toward(solution: { id: string }): PledgeBuilder {
    return new PledgeBuilder(this, { solutionId: solution.id });
  }

  async withdraw(pledge: { id: string; pledger: FactoryUser }, by?: FactoryUser): Promise<void> {
    await this.gql.ok(WITHDRAW_PLEDGE, { pledgeId: pledge.id }, (by ?? pledge.pledger).token);
  }

  /** One `markPledgeFulfilled`, by an officer (default: the factories' officer). */
  async fulfil(pledge: { id: string }, evidence: string | null = 'Delivered and checked', by?: FactoryUser): Promise<void> {
    const officer = by ?? (await this.staff.officer());
    await this.gql.ok(MARK_PLEDGE_FULFILLED, { input: { pledgeId: pledge.id, evidence } }, officer.token);
  }

  /** An organisation's match offer on a solution, by one of its members (default: its owner). */
  async offerMatch(
    organisation: { id: string; owner: FactoryUser },
    solution: { id: string },
    cap: { amountMinor: number; currency?: string },
    options: { ratio?: number; by?: FactoryUser } = {},
  ): Promise<string> {
    const { offerMatchFunding } = await this.gql.ok<{ offerMatchFunding: { matchOffers: { id: string }[] } }>(
      OFFER_MATCH_FUNDING,
      {
        input: {
          solutionId: solution.id,
          organisationId: organisation.id,
          cap: { amountMinor: cap.amountMinor, currency: cap.currency ?? 'GBP' },
          ratio: options.ratio ?? 1,
        },
      },
      (options.by ?? organisation.owner).token,
    );
    return offerMatchFunding.matchOffers.at(-1)?.id ?? '';
  }
}
