/** Areas, problems and the SARA cycle: the documents the factories and specs share. */

export const CREATE_AREA = /* GraphQL */ `
  mutation CreateArea($input: CreateAreaInput!) {
    createArea(input: $input) {
      id
      name
    }
  }
`;

export const ASSIGN_OFFICER = /* GraphQL */ `
  mutation AssignOfficer($input: AssignOfficerInput!) {
    assignOfficerToArea(input: $input) {
      id
      officers {
        id
      }
    }
  }
`;

export const REPORT_PROBLEM = /* GraphQL */ `
  mutation ReportProblem($input: ReportProblemInput!) {
    reportProblem(input: $input) {
      id
      status
    }
  }
`;

export const SUPPORT_PROBLEM = /* GraphQL */ `
  mutation SupportProblem($problemId: ID!) {
    supportProblem(problemId: $problemId) {
      id
      supportCount
    }
  }
`;

export const WITHDRAW_SUPPORT = /* GraphQL */ `
  mutation WithdrawSupport($problemId: ID!) {
    withdrawSupport(problemId: $problemId) {
      id
      supportCount
    }
  }
`;

export const RECORD_ANALYSIS = /* GraphQL */ `
  mutation RecordAnalysis($input: RecordAnalysisInput!) {
    recordAnalysis(input: $input) {
      id
      status
    }
  }
`;

export const CHANGE_PROBLEM_STATUS = /* GraphQL */ `
  mutation ChangeProblemStatus($input: ChangeProblemStatusInput!) {
    changeProblemStatus(input: $input) {
      id
      status
    }
  }
`;

export const MARK_DUPLICATE = /* GraphQL */ `
  mutation MarkDuplicate($input: MarkDuplicateInput!) {
    markDuplicate(input: $input) {
      id
      status
    }
  }
`;
