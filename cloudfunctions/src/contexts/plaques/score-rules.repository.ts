import type { Db } from 'mongodb';
import { DEFAULT_SCORE_RULES, type ScoreRules } from '@cityloop/shared/plaques/score';
import { SCORE_RULES, type ScoreRulesDoc } from './plaque.collections';

const rules = (db: Db) => db.collection<ScoreRulesDoc>(SCORE_RULES);

/** A city's score rules with their version (null: the city has none yet and the published default applies). */
export async function cityScoreRules(db: Db, cityId: string): Promise<ScoreRules & { version: number | null }> {
  const d = await rules(db).findOne({ _id: cityId });
  if (!d) return { ...DEFAULT_SCORE_RULES, version: null };
  return { deductions: d.deductions, defaultDeduction: d.defaultDeduction, settleAfterHours: d.settleAfterHours, chiefVisitDays: d.chiefVisitDays, version: d.version };
}

/** Writes a city's rules: the first write inserts (version 1); later ones need the version read. False = stale. */
export async function saveScoreRules(db: Db, cityId: string, version: number | null, value: ScoreRules & { updatedBy: string; updatedAt: Date }): Promise<boolean> {
  if (version === null) {
    try {
      await rules(db).insertOne({ _id: cityId, ...value, version: 1 });
      return true;
    } catch (e) {
      if ((e as { code?: number }).code === 11000) return false;
      throw e;
    }
  }
  return (await rules(db).updateOne({ _id: cityId, version }, { $set: value, $inc: { version: 1 } })).modifiedCount === 1;
}
