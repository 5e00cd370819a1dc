import type { MajorClass } from '@cityloop/shared/city/classes';
import type { TableClass } from '@cityloop/shared/city/class-csv';
import type { CalendarDay } from '@cityloop/shared/city/calendar-file';
import type { AggregateBase } from '../../platform/aggregate';
import type { CollectionIndexes } from '../../platform/context-module';

/**
 * A city's class table (GB/T 30428 大类/小类 with the SLA of each step): one document per city, `_id` = city id,
 * so an import replaces the whole table in one versioned write (all-or-nothing without transactions). Every
 * version is also kept whole in `case_class_versions` (`<city>:<version>`); a case snapshots its class's SLA.
 */
export type ClassTableDoc = AggregateBase & {
  cityId: string;
  majors: MajorClass[];
  classes: TableClass[];
  scope: { cityId: string };
  updatedAt: Date;
};
export type ClassTableVersionDoc = { _id: string; cityId: string; version: number; majors: MajorClass[]; classes: TableClass[]; savedAt: Date; savedBy: string | null };

/** A city's working calendar for one year: holidays and 调休 days, `_id` = `<city>:<year>`. */
export type CalendarDoc = AggregateBase & {
  cityId: string;
  year: number;
  days: CalendarDay[];
  scope: { cityId: string };
  updatedAt: Date;
};

/** One warning per city and missing year (`<city>:<year>`), carrying the message to the city's admins. */
export type CalendarWarningDoc = AggregateBase & { cityId: string; year: number; scope: { cityId: string }; createdAt: Date };

export const CLASS_TABLES = 'case_classes';
export const CLASS_TABLE_VERSIONS = 'case_class_versions';
export const CALENDARS = 'working_calendars';
export const CALENDAR_WARNINGS = 'calendar_warnings';

export const CITY_CONFIG_INDEXES: CollectionIndexes[] = [
  { collection: CLASS_TABLE_VERSIONS, indexes: [{ key: { cityId: 1, version: -1 } }] },
  { collection: CALENDARS, indexes: [{ key: { cityId: 1, year: 1 }, unique: true }] },
];
export const CITY_CONFIG_OUTBOX_SOURCES = [CLASS_TABLES, CALENDARS, CALENDAR_WARNINGS];
