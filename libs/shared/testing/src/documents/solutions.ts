/** Solutions, votes, the conversation and moderation: the documents the factories and specs share. */

export const PROPOSE_SOLUTION = /* GraphQL */ `
  mutation ProposeSolution($input: ProposeSolutionInput!) {
    proposeSolution(input: $input) {
      id
      status
    }
  }
`;

export const CHANGE_SOLUTION_STATUS = /* GraphQL */ `
  mutation ChangeSolutionStatus($input: ChangeSolutionStatusInput!) {
    changeSolutionStatus(input: $input) {
      id
      status
    }
  }
`;

export const CAST_VOTE = /* GraphQL */ `
  mutation CastVote($input: CastVoteInput!) {
    castVote(input: $input) {
      id
      upVotes
      downVotes
    }
  }
`;

export const RETRACT_VOTE = /* GraphQL */ `
  mutation RetractVote($solutionId: ID!) {
    retractVote(solutionId: $solutionId) {
      id
      upVotes
      downVotes
    }
  }
`;

export const ADD_COMMENT = /* GraphQL */ `
  mutation AddComment($input: AddCommentInput!) {
    addComment(input: $input) {
      id
      official
    }
  }
`;

export const FLAG_CONTENT = /* GraphQL */ `
  mutation FlagContent($input: FlagContentInput!) {
    flagContent(input: $input)
  }
`;

export const MODERATE_CONTENT = /* GraphQL */ `
  mutation ModerateContent($input: ModerateContentInput!) {
    moderateContent(input: $input)
  }
`;
