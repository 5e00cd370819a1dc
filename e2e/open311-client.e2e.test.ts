import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { startE2eSystem, type E2eSystem } from './helpers/system';
import { runGeoReportClient } from './helpers/georeport';
import { repoRoot } from '../cloudfunctions/dev/paths';

// An off-the-shelf GeoReport v2 client (PyPI `georeport`) against the demo system: every jurisdiction, JSON and
// XML, a request filed with a partner key made by the README's command against the running local system.
let sys: E2eSystem;
before(async () => {
  sys = await startE2eSystem('open311client');
});
after(async () => sys?.stop());

const root = () => `${sys.url}/api/open311/v2`;

/** `npx cityloop open311 key create …` as the README shows it: no MONGODB_URI, the running system is found. */
function createKey(city: string): string {
  const env: Record<string, string | undefined> = { ...process.env, CITYLOOP_DATA: sys.dir };
  delete env.MONGODB_URI;
  delete env.MONGODB_DB;
  const r = spawnSync(process.execPath, [path.join(repoRoot, 'cloudfunctions', 'bin', 'cityloop.mjs'), 'open311', 'key', 'create', '--name', `12345热线-${city}`, '--city', city], { encoding: 'utf8', env, timeout: 60_000 });
  assert.equal(r.status, 0, r.stderr);
  const key = /^(o311_\S+)$/m.exec(r.stdout)?.[1];
  assert.ok(key, r.stdout);
  return key!;
}

/** A point inside one of the city's grids (the centroid of its polygon's vertices). */
async function pointIn(city: string): Promise<{ lat: number; lng: number }> {
  const towns = await sys.db.collection('regions').find({ kind: 'town', parentId: city }).toArray();
  const grid = await sys.db.collection('regions').findOne({ kind: 'grid', parentId: { $in: towns.map((t) => t._id) }, 'polygon.0': { $exists: true } });
  assert.ok(grid, `a grid with a polygon in ${city}`);
  const ring = (grid!.polygon as { lng: number; lat: number }[]).slice(0, -1);
  return { lng: ring.reduce((s, p) => s + p.lng, 0) / ring.length, lat: ring.reduce((s, p) => s + p.lat, 0) / ring.length };
}

/** The city accepts the partner's report (its grid's 片长, or the town regulator for a gridless one): now public. */
async function accept(id: string) {
  const c = await sys.db.collection('cases').findOne({ _id: id as never });
  const staffId = c!.routing.areaChiefId as string | null;
  const staff = staffId ? await sys.db.collection('users').findOne({ _id: staffId as never }) : await sys.db.collection('users').findOne({ roleKeys: `regulator:town:${c!.scope.cityId}:${c!.scope.townId}` });
  assert.ok(staff?.persona, 'the case has a responsible persona in the demo');
  const { token } = await sys.login(staff!.persona as string);
  const r = await sys.api('POST', `/api/cases/${id}/actions`, { token, body: { action: 'accept', version: c!.version } });
  assert.equal(r.status, 200, JSON.stringify(r.json));
}

test('discovery names every city as a jurisdiction, in JSON and XML', async () => {
  const json = await (await fetch(`${root()}/discovery.json`)).json();
  assert.ok(json.jurisdictions.length >= 1);
  assert.deepEqual(json.endpoints[0].formats, ['text/xml', 'application/json']);
  const xml = await fetch(`${root()}/discovery.xml`);
  assert.match(xml.headers.get('content-type') ?? '', /text\/xml/);
  const text = await xml.text();
  for (const j of json.jurisdictions) assert.ok(text.includes(`<jurisdiction>${j}</jurisdiction>`), text);
});

test('the GeoReport client lists services, reads a definition, files and reads back, per jurisdiction and format', async () => {
  const { jurisdictions } = await (await fetch(`${root()}/discovery.json`)).json();
  for (const city of jurisdictions as string[]) {
    const key = createKey(city);
    const at = await pointIn(city);
    for (const format of ['json', 'xml']) {
      const filed = await runGeoReportClient(['file', root(), city, format, key, String(at.lat), String(at.lng)]);
      assert.ok(filed.services.length >= 10, `${city} ${format}: services`);
      assert.ok(filed.definition, `${city} ${format}: a service with metadata has a definition`);
      assert.equal(filed.post_status, 201, `${city} ${format}: ${JSON.stringify(filed.post_body)}`);
      const stored = await sys.db.collection('cases').findOne({ _id: filed.request_id });
      assert.equal(stored?.scope.cityId, city, 'filed in the key’s city');
      assert.equal(stored?.source, 'open311');
      assert.ok(stored?.attributes && Object.keys(stored.attributes).length, 'the attribute answered is kept');
      await accept(filed.request_id);
      const read = await runGeoReportClient(['read', root(), city, format, filed.request_id]);
      assert.equal(read.one.service_request_id, filed.request_id);
      assert.ok(read.listed.some((r: { service_request_id: string }) => r.service_request_id === filed.request_id), `${city} ${format}: listed among open requests`);
      for (const other of (jurisdictions as string[]).filter((j) => j !== city)) {
        const there = await fetch(`${root()}/requests/${filed.request_id}.json?jurisdiction_id=${other}`);
        assert.equal(there.status, 404, 'not a request of another jurisdiction');
      }
    }
  }
});

test('errors speak the format asked for; an unknown jurisdiction is named', async () => {
  const r = await fetch(`${root()}/services.xml?jurisdiction_id=atlantis`);
  assert.equal(r.status, 404);
  const text = await r.text();
  assert.match(text, /<errors>\s*<error>\s*<code>404<\/code>\s*<description>jurisdiction_id 无效：atlantis/);
});
