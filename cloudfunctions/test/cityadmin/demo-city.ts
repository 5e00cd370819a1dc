import { startTestSystem, type TestSystem } from '../helpers/test-system';
import { seedDemo } from '../../dev/seed/seed';
import { issueToken } from '../../src/platform/auth/jwt';
import { invalidateRoutingTables } from '../../src/contexts/cases/routing-tables';

/** A test system with both demo cities seeded (Dongguan and Zhongshan), and tokens by persona. */
export async function demoCities(): Promise<{ sys: TestSystem; as: (persona: string) => Promise<{ id: string; token: string }> }> {
  const sys = await startTestSystem();
  await seedDemo(sys.db, async (p) => sys.standins.wechat.issueOpenid(`${sys.db.databaseName}-${p}`));
  invalidateRoutingTables();
  const as = async (persona: string) => {
    const u = await sys.db.collection('users').findOne({ persona });
    if (!u) throw new Error(`no persona ${persona}`);
    return { id: String(u._id), token: await issueToken(sys.deps.config.jwtSecret, String(u._id), 3600, sys.deps.now()) };
  };
  return { sys, as };
}

/** A closed GeoJSON square ring at (lng, lat) with side d. */
export const ring = (lng: number, lat: number, d: number) => [
  [lng, lat],
  [+(lng + d).toFixed(6), lat],
  [+(lng + d).toFixed(6), +(lat + d).toFixed(6)],
  [lng, +(lat + d).toFixed(6)],
  [lng, lat],
];
export const gridFeature = (id: string, town: string, coordinates: number[][], name = `测试网格${id}`) => ({ type: 'Feature', properties: { id, name, town }, geometry: { type: 'Polygon', coordinates: [coordinates] } });
export const collection = (...features: unknown[]) => ({ type: 'FeatureCollection', features });
