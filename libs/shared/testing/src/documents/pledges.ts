/** Pledges and match funding: the documents the factories and specs share. */

export const CREATE_PLEDGE = /* GraphQL */ `
  mutation CreatePledge($input: CreatePledgeInput!) {
    createPledge(input: $input) {
      id
      status
    }
  }
`;

export const WITHDRAW_PLEDGE = /* GraphQL */ `
  mutation WithdrawPledge($pledgeId: ID!) {
    withdrawPledge(pledgeId: $pledgeId) {
      id
      status
    }
  }
`;

export const MARK_PLEDGE_FULFILLED = /* GraphQL */ `
  mutation MarkPledgeFulfilled($input: MarkPledgeFulfilledInput!) {
    markPledgeFulfilled(input: $input) {
      id
      status
    }
  }
`;

export const OFFER_MATCH_FUNDING = /* GraphQL */ `
  mutation OfferMatchFunding($input: OfferMatchFundingInput!) {
    offerMatchFunding(input: $input) {
      id
      matchOffers {
        id
      }
    }
  }
`;
