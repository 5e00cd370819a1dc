/**
 * One (scaled-down) city-day of leveling uploads through the real ingest pipeline, then the same stored
 * documents through a plain bulk loader (insertMany), in its own process.
 * Usage: node --import tsx pit-ingest.ts   with env BENCH_DB_URI, BENCH_DB_NAME, BENCH_DIR, BENCH_PITS,
 *        BENCH_POINTS, BENCH_EPOCHS, BENCH_MAX_S (time cap of the pipeline run), BENCH_BATCH (insertMany size)
 * Prints `RESULT {json}` and exits. Progress lines go to stderr.
 *
 * Per-step timing: the Db handed to the pipeline is wrapped so that every collection call (and the cursor
 * behind find) is timed under `<collection>.<method>`; blob puts likewise. The wrapper adds microseconds to
 * calls that take milliseconds; it is used for the pipeline only (the baseline calls the driver directly).
 */
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Collection, Db } from 'mongodb';
import { writeGsiBffb, type LevelLeg } from '../../shared/src/pit/domain/gsi-writer';
import { solveEpoch } from '../../shared/src/pit/domain/epoch.solve';
import '../../cloudfunctions/src/contexts'; // installs the list of contexts: ensureIndexes below makes their indexes
import { loadConfig } from '../../cloudfunctions/src/platform/config';
import { buildDeps } from '../../cloudfunctions/src/platform/build-deps';
import { database, closeAllClients } from '../../cloudfunctions/src/platform/db/client';
import { ensureIndexes } from '../../cloudfunctions/src/platform/db/indexes';
import { startStandins } from '../../cloudfunctions/dev/standins/start-standins';
import { ingestEpoch } from '../../cloudfunctions/src/contexts/pit/ingest-epoch';
import { pointsChanged } from '../../cloudfunctions/src/contexts/pit/ingest-heads';
import { PIT_ALARMS, PIT_POINTS, PIT_PROJECTS, PIT_UPLOADS, type PitPoint, type PitProject, type PitUpload } from '../../cloudfunctions/src/contexts/pit/pit.collections';

const env = process.env;
const URI = env.BENCH_DB_URI!;
const DB_NAME = env.BENCH_DB_NAME!;
const DIR = env.BENCH_DIR!;
const PITS = Number(env.BENCH_PITS ?? 20);
const POINTS = Number(env.BENCH_POINTS ?? 150);
const EPOCHS = Number(env.BENCH_EPOCHS ?? 24);
const MAX_S = Number(env.BENCH_MAX_S ?? 40);
const BATCH = Number(env.BENCH_BATCH ?? 100);
const BULK = `${PIT_UPLOADS}_bulk_baseline`;

const log = (msg: string) => process.stderr.write(`[pit-ingest] ${msg}\n`);
const ms = (t0: number) => performance.now() - t0;
const r3 = (x: number) => Math.round(x * 1000) / 1000;

// ---------------------------------------------------------------- timing wrapper
type Stat = { calls: number; ms: number };
const stats = new Map<string, Stat>();
const add = (key: string, t: number) => {
  const s = stats.get(key) ?? { calls: 0, ms: 0 };
  s.calls++;
  s.ms += t;
  stats.set(key, s);
};
const timePromise = <T,>(key: string, p: Promise<T>): Promise<T> => {
  const t0 = performance.now();
  return p.finally(() => add(key, ms(t0)));
};
function timedCursor<T extends object>(key: string, cursor: T): T {
  return new Proxy(cursor, {
    get(target, prop) {
      const v = Reflect.get(target, prop, target);
      if (typeof v !== 'function') return v;
      if (prop === 'toArray' || prop === 'next') return (...a: unknown[]) => timePromise(`${key}.${prop}`, v.apply(target, a));
      if (prop === Symbol.asyncIterator) return () => { throw new Error('timed cursor: async iteration not wrapped'); };
      // sort/project/limit… return the cursor itself: keep it wrapped
      return (...a: unknown[]) => { const out = v.apply(target, a); return out === target ? timedCursor(key, target) : out; };
    },
  });
}
/** `{projectId,stream} sort{observedAt}`: which query it was, without the values. */
const shape = (a: unknown[]): string => {
  const [filter, opts] = a as [unknown, { sort?: object; projection?: object } | undefined];
  if (!filter || typeof filter !== 'object' || Array.isArray(filter)) return '';
  let s = `{${Object.keys(filter).join(',')}}`;
  if (opts && typeof opts === 'object' && !Array.isArray(opts)) {
    if (opts.sort) s += ` sort{${Object.keys(opts.sort).join(',')}}`;
    if (opts.projection) s += ` projection{${Object.keys(opts.projection).join(',')}}`;
  }
  return s;
};
function timedCollection<T extends object>(name: string, coll: T): T {
  return new Proxy(coll, {
    get(target, prop) {
      const v = Reflect.get(target, prop, target);
      if (typeof v !== 'function' || typeof prop !== 'string') return v;
      return (...a: unknown[]) => {
        const key = `${name}.${prop}${shape(a)}`;
        const out = v.apply(target, a);
        if (out instanceof Promise) return timePromise(key, out);
        if (out && typeof out === 'object' && typeof (out as { toArray?: unknown }).toArray === 'function') return timedCursor(key, out as object);
        return out;
      };
    },
  });
}
function timedDb(db: Db): Db {
  return new Proxy(db, {
    get(target, prop) {
      const v = Reflect.get(target, prop, target);
      if (prop === 'collection') return (name: string, o?: unknown) => timedCollection(name, (v as Db['collection']).call(target, name, o as never));
      return typeof v === 'function' ? v.bind(target) : v;
    },
  });
}

// ---------------------------------------------------------------- fixtures
const code = (j: number) => `P${String(j + 1).padStart(3, '0')}`;
/** Initial elevations and settlements are whole 0.01 mm (the GSI unit), so the files carry them exactly. */
const initialM = (pit: number, j: number) => Math.round((99.5 + ((pit * 37 + j * 13) % 200) / 1000) * 1e5) / 1e5;
/** Settlement of point j at epoch e, mm: 0.01–0.03 mm per hourly epoch (0.24–0.72 mm/d against a 2 mm/d control). */
const settlementMm = (j: number, e: number) => e * 0.01 * ((j % 3) + 1);
const heightM = (pit: number, j: number, e: number) => Math.round((initialM(pit, j) - settlementMm(j, e) / 1000) * 1e5) / 1e5;

function loopFile(pit: number, e: number): string {
  const legs: LevelLeg[] = [];
  let from = 'BM1';
  let z = 100;
  for (let j = 0; j < POINTS; j++) {
    const h = heightM(pit, j, e);
    legs.push({ from, to: code(j), dh_m: h - z });
    from = code(j);
    z = h;
  }
  legs.push({ from, to: 'BM1', dh_m: 100 - z });
  // Station noise 0: readings are exact in the file's 0.01 mm unit, so the hourly rates stay far below alarm levels.
  return writeGsiBffb(100, legs, 1000 * pit + e + 1, 0);
}

async function seed(db: Db, day: Date) {
  const base = { version: 1, history: [], outbox: [], pendingAudit: [], hasPending: false };
  const ids: string[] = [];
  for (let p = 0; p < PITS; p++) {
    const projectId = `pj_bench${String(p).padStart(4, '0')}`;
    ids.push(projectId);
    const scope = { cityId: 'dongguan', townId: 'nancheng', projectId };
    const project: PitProject = {
      _id: projectId,
      ...base,
      name: `基准测试基坑${p + 1}`,
      address: '测试路1号',
      location: { lng: 113.75, lat: 23.0 },
      safetyLevel: 1,
      depthM: 12,
      supportType: 'pile',
      scope,
      parties: Object.fromEntries(['owner', 'contractor', 'supervisor', 'monitor', 'designer'].map((r) => [r, { org: r, people: [] }])) as unknown as PitProject['parties'],
      config: { levels: { yellow: 0.7, orange: 0.85, red: 1 }, consecutive: { n: 3, fraction: 0.7 }, leveling: { benchmarks: { BM1: 100 }, start: 'BM1', end: 'BM1', kMm: 1.0, stationDiffLimitMm: 0.4 } },
      status: 'active',
      plan: { stage: 'excavation_shallow', frequencies: {} },
      worstLevel: 'normal',
      createdAt: day,
    };
    await db.collection<PitProject>(PIT_PROJECTS).insertOne(project);
    const points: PitPoint[] = Array.from({ length: POINTS }, (_, j) => ({
      _id: `${projectId}/${code(j)}`, ...base, projectId, scope, code: code(j), item: 'wallTopVertical', initialM: initialM(p, j), control: { cumulative: 10, rate: 2 }, controlSource: 'standard',
    }));
    await db.collection<PitPoint>(PIT_POINTS).insertMany(points);
    await pointsChanged(db, projectId); // as the product does once a project's points are set up
  }
  return ids;
}

// ---------------------------------------------------------------- run
const standins = await startStandins();
const dir = path.join(DIR, 'pit-ingest');
mkdirSync(dir, { recursive: true });
const config = loadConfig({
  CITYLOOP_ENV: 'test',
  MONGODB_URI: URI,
  MONGODB_DB: DB_NAME,
  MONGODB_MAX_POOL: '1',
  WECHAT_API_BASE: standins.wechatBaseUrl,
  WECHAT_APPID: standins.credentials.appId,
  WECHAT_SECRET: standins.credentials.appSecret,
  WECHAT_MP_STATE: 'developer',
  TENCENTCLOUD_SECRET_ID: standins.credentials.secretId,
  TENCENTCLOUD_SECRET_KEY: standins.credentials.secretKey,
  TENCENTCLOUD_SMS_ENDPOINT: standins.tencentEndpoint,
  TENCENTCLOUD_SMS_PROTOCOL: 'http://',
  SMS_SDK_APP_ID: standins.credentials.smsSdkAppId,
  SMS_SIGN_NAME: standins.credentials.smsSignName,
  BLOB_DRIVER: 'local',
  BLOB_DIR: path.join(dir, 'blobs'),
  PUBLIC_BASE_URL: 'http://127.0.0.1:0',
});
// Pool size 1: how we run FerretDB (platform/db/client.ts).
const db = database(URI, DB_NAME, 1);
let t0 = performance.now();
await ensureIndexes(db);
const ensure_indexes_ms = ms(t0);
const dayStart = new Date(Date.now() - 2 * 86_400_000);
dayStart.setUTCHours(16, 0, 0, 0); // 00:00 in Shanghai, two days ago: every epoch lies in the past
t0 = performance.now();
const projectIds = await seed(db, dayStart);
const seed_ms = ms(t0);

// All files first (not timed): EPOCHS per pit, uploaded in time order, pits interleaved as a city-day would arrive.
t0 = performance.now();
const jobs: { pit: number; epoch: number; text: string; observedAt: string }[] = [];
for (let e = 0; e < EPOCHS; e++) for (let p = 0; p < PITS; p++) jobs.push({ pit: p, epoch: e, text: loopFile(p, e), observedAt: new Date(dayStart.getTime() + e * 3_600_000).toISOString() });
const generate_ms = ms(t0);
const fileBytes = jobs.reduce((s, j) => s + Buffer.byteLength(j.text), 0) / jobs.length;

const deps = buildDeps(config, { db: timedDb(db) });
const realPut = deps.blobs.put.bind(deps.blobs);
deps.blobs.put = ((...a: Parameters<typeof realPut>) => timePromise('blob.put', realPut(...a))) as typeof deps.blobs.put;

// Warm-up outside the timed run: one upload to a throw-away project (JIT, driver connection, SQLite tables).
{
  const warmDb = db; // same database, separate project
  const base = { version: 1, history: [], outbox: [], pendingAudit: [], hasPending: false };
  const scope = { cityId: 'dongguan', townId: 'nancheng', projectId: 'pj_benchwarm' };
  const p0 = await warmDb.collection<PitProject>(PIT_PROJECTS).findOne({ _id: projectIds[0] });
  await warmDb.collection<PitProject>(PIT_PROJECTS).insertOne({ ...p0!, _id: 'pj_benchwarm', scope, name: 'warm-up' });
  await warmDb.collection<PitPoint>(PIT_POINTS).insertMany(Array.from({ length: POINTS }, (_, j) => ({ _id: `pj_benchwarm/${code(j)}`, ...base, projectId: 'pj_benchwarm', scope, code: code(j), item: 'wallTopVertical', initialM: initialM(0, j), control: { cumulative: 10, rate: 2 }, controlSource: 'standard' })));
  for (let e = 0; e < 3; e++) await ingestEpoch(deps, { projectId: 'pj_benchwarm', format: 'gsi', text: loopFile(0, e), observedAt: new Date(dayStart.getTime() + e * 3_600_000).toISOString(), source: { userId: 'u_bench' } });
  stats.clear();
}

log(`${jobs.length} uploads of ${Math.round(fileBytes)} bytes each, ${PITS} pits × ${POINTS} points × ${EPOCHS} epochs; cap ${MAX_S} s`);
const perUpload: number[] = [];
let statuses: Record<string, number> = {};
let alarmsRaised = 0;
let pointsJudged = 0;
let pointsAlarming = 0;
const runStart = performance.now();
let done = 0;
for (const j of jobs) {
  if (ms(runStart) > MAX_S * 1000) break;
  const t = performance.now();
  const r = await ingestEpoch(deps, { projectId: projectIds[j.pit], format: 'gsi', text: j.text, observedAt: j.observedAt, source: { userId: 'u_bench' } });
  perUpload.push(ms(t));
  if (r.duplicate) throw new Error(`upload ${j.pit}/${j.epoch} came back as a duplicate`);
  statuses[r.upload.status] = (statuses[r.upload.status] ?? 0) + 1;
  alarmsRaised += r.alarms.length;
  pointsJudged += r.upload.results.length;
  pointsAlarming += r.upload.results.filter((x) => x.finalLevel !== 'normal').length;
  done++;
  if (done % 50 === 0) log(`${done} uploads, ${(ms(runStart) / 1000).toFixed(1)} s`);
}
const pipeline_ms = ms(runStart);
const completedEpochs = Math.floor(done / PITS);
if (statuses.accepted !== done) log(`not all accepted: ${JSON.stringify(statuses)}`);

// What the pipeline spent per upload, by step.
const breakdown = [...stats.entries()].sort((a, b) => b[1].ms - a[1].ms).map(([key, s]) => ({ step: key, calls_per_upload: r3(s.calls / done), ms_per_upload: r3(s.ms / done), share_pct: Math.round((s.ms / pipeline_ms) * 1000) / 10 }));
const dbAndBlobMs = [...stats.values()].reduce((s, x) => s + x.ms, 0);

// Pure solve time of the same files (what ingestEpoch computes once per upload).
const pointsByProject = new Map<string, Record<string, PitPoint>>();
for (const id of projectIds.slice(0, 2)) pointsByProject.set(id, Object.fromEntries((await db.collection<PitPoint>(PIT_POINTS).find({ projectId: id }).toArray()).map((p) => [p.code, p])));
const projectCfg = (await db.collection<PitProject>(PIT_PROJECTS).findOne({ _id: projectIds[0] }))!.config;
const sample = jobs.filter((j) => j.pit < 2).slice(0, 20);
t0 = performance.now();
for (const j of sample) solveEpoch({ format: 'gsi', text: j.text, observedAt: j.observedAt, nowMs: Date.now(), project: projectCfg, points: pointsByProject.get(projectIds[j.pit])!, previous: {} });
const solve_one_pass_ms = ms(t0) / sample.length;

// Baseline: the same stored documents, read back, new _id, insertMany in batches into a collection with the same indexes.
const stored = await db.collection<PitUpload>(PIT_UPLOADS).find({ projectId: { $in: projectIds } }).toArray();
if (stored.length !== done) throw new Error(`expected ${done} stored uploads, found ${stored.length}`);
const docBytes = Buffer.byteLength(JSON.stringify(stored[stored.length - 1]));
for (const spec of [{ key: { projectId: 1, seq: 1 }, unique: true }, { key: { projectId: 1, stream: 1, observedAt: -1 } }, { key: { alarmsRaised: 1 } }]) {
  await db.collection(BULK).createIndexes([spec as never]);
}
const docs = stored.map((d) => ({ ...d, _id: `bulk:${d._id}` }));
const bulk: Collection<PitUpload> = db.collection<PitUpload>(BULK);
const batchMs: number[] = [];
const bulkStart = performance.now();
for (let i = 0; i < docs.length; i += BATCH) {
  const t = performance.now();
  await bulk.insertMany(docs.slice(i, i + BATCH), { ordered: true });
  batchMs.push(ms(t));
}
const baseline_ms = ms(bulkStart);
const bulkCount = await bulk.countDocuments();
if (bulkCount !== docs.length) throw new Error(`baseline stored ${bulkCount} of ${docs.length}`);

// Second baseline: the same documents inserted one at a time (insertOne, same indexes): the floor of any
// pipeline that stores each upload when it arrives, before it has solved or checked anything.
const single: Collection<PitUpload> = db.collection<PitUpload>(`${BULK}_one`);
for (const spec of [{ key: { projectId: 1, seq: 1 }, unique: true }, { key: { projectId: 1, stream: 1, observedAt: -1 } }, { key: { alarmsRaised: 1 } }]) {
  await single.createIndexes([spec as never]);
}
const singleStart = performance.now();
for (const d of stored) await single.insertOne({ ...d, _id: `one:${d._id}` });
const single_insert_ms = ms(singleStart);
const alarmDocs = await db.collection(PIT_ALARMS).countDocuments({ projectId: { $in: projectIds } });

// Growth: FerretDB (SQLite backend) answers the sorted pit_uploads queries by reading candidate documents,
// so an upload costs more as the collection fills. Least-squares line ms = a + b·(uploads already stored).
const n0 = 3; // warm-up uploads already in the collection
const xs = perUpload.map((_, i) => i + n0);
const mx = xs.reduce((s, x) => s + x, 0) / xs.length;
const my = perUpload.reduce((s, y) => s + y, 0) / perUpload.length;
const b = xs.reduce((s, x, i) => s + (x - mx) * (perUpload[i] - my), 0) / (xs.reduce((s, x) => s + (x - mx) ** 2, 0) || 1);
const a = my - b * mx;
const quarter = Math.max(1, Math.floor(perUpload.length / 4));
const meanOf = (xs: number[]) => xs.reduce((s, x) => s + x, 0) / xs.length;
const growth = {
  first_quarter_mean_ms: r3(meanOf(perUpload.slice(0, quarter))),
  last_quarter_mean_ms: r3(meanOf(perUpload.slice(-quarter))),
  fit_ms_per_upload: { intercept: r3(a), per_stored_upload: r3(b) },
};
// How the database answers the pipeline's queries (FerretDB's explain tells whether filter/sort reach SQLite).
const explainOf = async (coll: string, filter: object, sort?: Record<string, 1 | -1>) => {
  let cursor = db.collection(coll).find(filter);
  if (sort) cursor = cursor.sort(sort).limit(1);
  try {
    const e = (await cursor.explain()) as Record<string, unknown>;
    const plan = (e.queryPlanner as { Plan?: string[] } | undefined)?.Plan;
    return { filterPushdown: e.filterPushdown, sortPushdown: e.sortPushdown, plan: Array.isArray(plan) ? plan.join('; ') : undefined };
  } catch (err) {
    return { error: (err as Error).message.slice(0, 200) };
  }
};
const explain = {
  'pit_uploads.findOne{projectId,stream,status,observedAt} sort{observedAt}': await explainOf(PIT_UPLOADS, { projectId: projectIds[0], stream: 'leveling:BM1', status: 'accepted', observedAt: { $lt: new Date() } }, { observedAt: -1 }),
  'pit_uploads.findOne{projectId} sort{seq}': await explainOf(PIT_UPLOADS, { projectId: projectIds[0] }, { seq: -1 }),
  'pit_points.find{projectId}': await explainOf(PIT_POINTS, { projectId: projectIds[0] }),
  'pit_uploads.findOne{_id}': await explainOf(PIT_UPLOADS, { _id: stored[0]._id }),
};
const sortedUp = [...perUpload].sort((a, b) => a - b);
const pct = (p: number) => sortedUp[Math.min(sortedUp.length - 1, Math.max(0, Math.ceil((p / 100) * sortedUp.length) - 1))];
process.stdout.write(`RESULT ${JSON.stringify({
  scale: { pits: PITS, points_per_pit: POINTS, epochs_planned: EPOCHS, uploads_planned: jobs.length, uploads_done: done, epochs_completed_for_every_pit: completedEpochs, truncated_by_time_cap: done < jobs.length, time_cap_s: MAX_S },
  file_bytes_avg: Math.round(fileBytes),
  stored_doc_json_bytes: docBytes,
  setup_ms: { ensure_indexes: r3(ensure_indexes_ms), seed: r3(seed_ms), generate_files: r3(generate_ms) },
  pipeline: {
    total_ms: r3(pipeline_ms), uploads: done, point_results: pointsJudged,
    per_upload_ms: { mean: r3(pipeline_ms / done), p50: r3(pct(50)), p90: r3(pct(90)), p99: r3(pct(99)), max: r3(sortedUp[sortedUp.length - 1]) },
    growth,
    statuses, alarms_raised: alarmsRaised, alarm_documents: alarmDocs, point_results_not_normal: pointsAlarming,
  },
  breakdown_per_upload: {
    steps: breakdown,
    db_and_blob_ms: r3(dbAndBlobMs / done),
    other_ms: r3((pipeline_ms - dbAndBlobMs) / done),
    other_note: 'time outside the timed database and blob calls: solving (once), hashing, building the document, driver serialisation before a call is issued',
    solve_epoch_one_pass_ms: r3(solve_one_pass_ms),
  },
  database_explain: explain,
  baseline: { total_ms: r3(baseline_ms), documents: docs.length, batch_size: BATCH, batches: batchMs.length, batch_ms_median: r3([...batchMs].sort((a, b) => a - b)[batchMs.length >> 1]), indexes: 'same three secondary indexes as pit_uploads' },
  single_insert: { total_ms: r3(single_insert_ms), documents: stored.length },
})}\n`);
await standins.close();
await closeAllClients();
process.exit(0);
