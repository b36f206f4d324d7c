import { ProblemStatus } from '@common-ground/problems';
import { ActionsDoneGate } from './actions-done.gate';
import { AssessmentRecordedGate } from './assessment-recorded.gate';
import { AssessmentService } from './assessment.service';

/** Which moves the gates watch; what they find is proven over HTTP (actions.e2e-spec.ts). */
describe('the gates of the response', () => {
  const S = ProblemStatus;
  const every = Object.values(S).flatMap((from) => Object.values(S).map((to) => [from, to] as const));

  it('asks for finished actions on every move into ASSESSMENT, and on no other', () => {
    const gate = new ActionsDoneGate();
    expect(every.filter(([from, to]) => gate.applies(from, to))).toEqual(Object.values(S).map((from) => [from, S.ASSESSMENT]));
  });

  it('asks for a current assessment on every move into RESOLVED, and on no other', () => {
    const gate = new AssessmentRecordedGate({} as AssessmentService);
    expect(every.filter(([from, to]) => gate.applies(from, to))).toEqual(Object.values(S).map((from) => [from, S.RESOLVED]));
  });
});
