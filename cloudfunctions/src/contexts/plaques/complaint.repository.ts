import type { AggregateRepository } from '../../platform/command/run-command';
import { PLAQUE_COMPLAINTS, type PlaqueComplaint } from './plaque.collections';

/** Loads and names the plaque complaint aggregate (its appeal included) for the command runner. */
export const complaintRepository: AggregateRepository<PlaqueComplaint> = {
  collectionName: PLAQUE_COMPLAINTS,
  load: (deps, id) => deps.db.collection<PlaqueComplaint>(PLAQUE_COMPLAINTS).findOne({ _id: id }),
};
