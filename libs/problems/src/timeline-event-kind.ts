/**
 * The GraphQL enum `TimelineEventKind`: the kinds every lib declares in its `<lib>.events.ts`
 * with `declareTimelineKinds`, assembled when those files load, before the schema is built
 * (GraphQL reads the values when it builds the schema). The database holds the same kinds in
 * `timeline_event_kinds`, one row per kind, added by the declaring lib's migration;
 * `problem_events.kind` references it. Registered with GraphQL in timeline-event.model.ts.
 */
export const TimelineEventKind: Record<string, string> = {};

const declaredBy = new Map<string, string>();

/** Adds a lib's kinds to the one enum; a kind belongs to one lib. */
export function declareTimelineKinds(lib: string, kinds: Record<string, string>): void {
  for (const [name, value] of Object.entries(kinds)) {
    if (name !== value) throw new Error(`Timeline kind ${name} of ${lib} must have its own name as value, not ${value}`);
    const owner = declaredBy.get(name);
    if (owner && owner !== lib) throw new Error(`Timeline kind ${name} is declared by both ${owner} and ${lib}`);
    declaredBy.set(name, lib);
    TimelineEventKind[name] = value;
  }
}
