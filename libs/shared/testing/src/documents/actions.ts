/** Leads, actions, assessments and ratings: the documents the factories and specs share. */

export const ASSIGN_PROBLEM_LEAD = /* GraphQL */ `
  mutation AssignProblemLead($problemId: ID!, $officerId: ID!) {
    assignProblemLead(problemId: $problemId, officerId: $officerId) {
      id
      lead {
        id
      }
    }
  }
`;

export const CREATE_ACTION = /* GraphQL */ `
  mutation CreateAction($input: CreateActionInput!) {
    createAction(input: $input) {
      id
      status
      progressPercent
    }
  }
`;

export const ASSIGN_ACTION = /* GraphQL */ `
  mutation AssignAction($input: AssignActionInput!) {
    assignAction(input: $input) {
      id
    }
  }
`;

export const UPDATE_ACTION = /* GraphQL */ `
  mutation UpdateAction($input: UpdateActionInput!) {
    updateAction(input: $input) {
      id
      status
      progressPercent
    }
  }
`;

export const ASSESS_PROBLEM = /* GraphQL */ `
  mutation AssessProblem($input: AssessProblemInput!) {
    assessProblem(input: $input) {
      id
      assessment {
        id
        outcome
      }
    }
  }
`;

export const RATE_OUTCOME = /* GraphQL */ `
  mutation RateOutcome($input: RateOutcomeInput!) {
    rateOutcome(input: $input) {
      id
    }
  }
`;
