import type { Db, UpdateFilter } from 'mongodb';
import { conflict } from '@cityloop/shared/errors';
import { versionedUpdate } from '../../platform/db/versioned';
import { CALENDARS, CALENDAR_WARNINGS, CLASS_TABLES, CLASS_TABLE_VERSIONS, type CalendarDoc, type CalendarWarningDoc, type ClassTableDoc, type ClassTableVersionDoc } from './city-config.collections';

const tables = (db: Db) => db.collection<ClassTableDoc>(CLASS_TABLES);
const versions = (db: Db) => db.collection<ClassTableVersionDoc>(CLASS_TABLE_VERSIONS);
const calendars = (db: Db) => db.collection<CalendarDoc>(CALENDARS);
const warnings = (db: Db) => db.collection<CalendarWarningDoc>(CALENDAR_WARNINGS);

const duplicate = (e: unknown) => (e as { code?: number }).code === 11000;

export const findClassTable = (db: Db, cityId: string) => tables(db).findOne({ _id: cityId });

/** A first table for the city; a concurrent first import gets 409. */
export async function insertClassTable(db: Db, doc: ClassTableDoc): Promise<void> {
  try {
    await tables(db).insertOne(doc);
  } catch (e) {
    if (duplicate(e)) throw conflict('分类表已被他人修改，请刷新后重试');
    throw e;
  }
}
export const updateClassTable = (db: Db, current: ClassTableDoc, update: UpdateFilter<ClassTableDoc>) => versionedUpdate(tables(db), current, update);
/** Keeps version `v` of a city's table whole (idempotent: the same version written twice is one row). */
export const saveClassTableVersion = (db: Db, doc: ClassTableVersionDoc) => versions(db).replaceOne({ _id: doc._id }, doc, { upsert: true });
export const classTableVersions = (db: Db, cityId: string) => versions(db).find({ cityId }, { projection: { version: 1, savedAt: 1, savedBy: 1 } }).sort({ version: -1 }).limit(50).toArray();

export const findCalendar = (db: Db, cityId: string, year: number) => calendars(db).findOne({ _id: `${cityId}:${year}` });
export const calendarsOfCity = (db: Db, cityId: string) => calendars(db).find({ cityId }).sort({ year: 1 }).toArray();
export async function insertCalendar(db: Db, doc: CalendarDoc): Promise<void> {
  try {
    await calendars(db).insertOne(doc);
  } catch (e) {
    if (duplicate(e)) throw conflict('该年度日历已被他人修改，请刷新后重试');
    throw e;
  }
}
export const updateCalendar = (db: Db, current: CalendarDoc, update: UpdateFilter<CalendarDoc>) => versionedUpdate(calendars(db), current, update);

/** Cities configured here: with a class table or a calendar. */
export async function configuredCities(db: Db): Promise<string[]> {
  const a = await tables(db).find({}, { projection: { cityId: 1 } }).toArray();
  const b = await calendars(db).find({}, { projection: { cityId: 1 } }).toArray();
  return [...new Set([...a, ...b].map((x) => x.cityId))].sort();
}

/** The warning for a city and year, once: false when it was already written. */
export async function insertCalendarWarning(db: Db, doc: CalendarWarningDoc): Promise<boolean> {
  try {
    await warnings(db).insertOne(doc);
    return true;
  } catch (e) {
    if (duplicate(e)) return false;
    throw e;
  }
}
