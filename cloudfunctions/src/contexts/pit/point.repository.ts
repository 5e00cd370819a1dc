import type { AggregateRepository } from '../../platform/command/run-command';
import { PIT_POINTS, type PitPoint } from './pit.collections';

/** The measuring point `code` of a project for the command runner (points are addressed by project and code, not id). */
export const pointByCode = (projectId: string, code: string): AggregateRepository<PitPoint> => ({
  collectionName: PIT_POINTS,
  load: (deps) => deps.db.collection<PitPoint>(PIT_POINTS).findOne({ projectId, code }),
});
