import type { AggregateRepository } from '../../platform/command/run-command';
import { CASES, type CityCase } from './case.collection';

/** Loads and names the case aggregate for the command runner. */
export const caseRepository: AggregateRepository<CityCase> = {
  collectionName: CASES,
  load: (deps, id) => deps.db.collection<CityCase>(CASES).findOne({ _id: id }),
};
