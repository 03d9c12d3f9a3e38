import type { ProjectDetails } from './project.types';

/** A project's process record before its first step: what the workflow starts from. */
export function emptyDetails(): ProjectDetails {
  return {
    returnedFrom: null,
    negativeList: null,
    library: null,
    publicity: null,
    objections: [],
    procurement: null,
    progress: [],
    changes: [],
    acceptanceRequestedAt: null,
    acceptances: [],
    payments: [],
    householdsPaid: [],
    retention: null,
    task: null,
  };
}
