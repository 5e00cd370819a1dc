/**
 * GET /api/pit-alarm-stats (and /export): the pit alarms raised in a period, per project of the caller's area
 * (projects without an alarm included, as zeros), and their trend per week or month. Types only.
 */
import type { MetricPeriod, TrendBucket, TrendUnit } from '../city/metrics-period';

export interface PitAlarmStatsRow {
  projectId: string;
  projectName: string;
  townName: string | null;
  /** alarms raised in the period (threshold and danger alarms; suspect data is about the data, not the pit) */
  raised: number;
  yellow: number;
  orange: number;
  red: number;
  /** of those, archived (销警) by now */
  archived: number;
  open: number;
}

export interface PitAlarmStats {
  period: { period: MetricPeriod; from: string | null; to: string | null };
  /** per bucket: `filed` = alarms raised, `closed` = alarms archived (by their last update) */
  trend: { unit: TrendUnit; buckets: TrendBucket[] };
  rows: PitAlarmStatsRow[];
}
