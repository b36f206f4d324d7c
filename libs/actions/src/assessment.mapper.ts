import { AssessmentEntity } from './assessment.entity';
import { AssessmentModel } from './assessment.model';

/** The only place that knows both shapes. */
export function toAssessmentModel(entity: AssessmentEntity): AssessmentModel {
  return {
    id: entity.id,
    outcome: entity.outcome,
    summary: entity.summary,
    metrics: entity.metrics.map((metric) => ({ name: metric.name, before: metric.before, after: metric.after, unit: metric.unit, period: metric.period })),
    current: entity.current,
    assessedAt: entity.assessedAt,
    problemId: entity.problemId,
    assessedById: entity.assessedById,
  };
}
