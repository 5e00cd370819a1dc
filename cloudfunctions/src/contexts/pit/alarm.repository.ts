import type { AggregateRepository } from '../../platform/command/run-command';
import { PIT_ALARMS, type PitAlarm } from './pit.collections';

/** Loads and names the pit alarm aggregate for the command runner. */
export const alarmRepository: AggregateRepository<PitAlarm> = {
  collectionName: PIT_ALARMS,
  load: (deps, id) => deps.db.collection<PitAlarm>(PIT_ALARMS).findOne({ _id: id }),
};
