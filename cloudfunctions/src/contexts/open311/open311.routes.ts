import type { Context, Hono, MiddlewareHandler } from 'hono';
import { DomainError, forbidden, invalid, notFound, unauthenticated } from '@cityloop/shared/errors';
import { open311Services, parseServiceCode, toOpen311Request } from '@cityloop/shared/city/open311';
import { SEED_CLASS_TABLE, findClass, type ClassTable } from '@cityloop/shared/city/classes';
import { checkServiceAttributes, toServiceDefinition } from '@cityloop/shared/city/open311-attributes';
import { formatOfPath, open311Body, type Open311Format } from './open311-format';
import { parseOpen311ListQuery, parseOpen311Post, type Open311Fields } from '@cityloop/shared/city/open311.parse';
import type { CaseAction } from '@cityloop/shared/city/case.machine';
import type { AppEnv } from '../../platform/http/app-env';
import { touched } from '../../platform/http/respond';
import { CASES, citiesWithTowns, createCase, findCase, findOrgName, listCaseSummaries, type CityCase } from '../cases/public';
import { findEnabledKey, type Open311Key } from './open311-key.repository';
import { open311JsonBody } from '@cityloop/shared/city/open311.contract';
import { publicPoint } from '@cityloop/shared/city/geo';
import type { Limit } from '../../platform/limits/limit-slots';

const BASE = '/api/open311/v2';
/** An Open311 partner (a 12345 hotline system) reports for many callers. */
export const PARTNER_LIMIT: Limit = {
  windows: [{ name: 'minute', ms: 60_000, max: 60 }, { name: 'day', ms: 86_400_000, max: 5000 }],
  message: '该接入方提交过于频繁：每分钟最多 60 件、每天 5000 件',
};
const orgNames = new Map<string, string>();

/**
 * What the city publishes of a case (docs/domain/city.md, Open311 privacy): the description only if the reporter
 * agreed, the position rounded to ~100 m; the partner whose key filed the report sees its own in full.
 */
function view(c: CityCase, unitName: string | null, full: boolean) {
  const at = c.location ? (full ? c.location : publicPoint(c.location)) : null;
  return toOpen311Request({
    id: c._id,
    state: c.state,
    enteredBy: (c.lastAction?.startsWith('case.') ? c.lastAction.slice(5) : c.lastAction) as CaseAction | undefined,
    kind: c.kind,
    classCode: c.classCode,
    description: full || c.publishDescription ? c.description : null,
    unitName,
    requestedAt: c.createdAt,
    updatedAt: c.updatedAt,
    closedAt: c.closedAt ?? null,
    deadline: c.deadline ?? null,
    address: c.facilityName ?? null,
    lng: at?.lng ?? null,
    lat: at?.lat ?? null,
  });
}

/** Untriaged and rejected reports are not published: a partner sees only its own of them. */
const UNPUBLISHED: CityCase['state'][] = ['received', 'rejected'];
const published = (x: CityCase) => !UNPUBLISHED.includes(x.state);

/** The partner a presented `api_key` (query or body) belongs to, or null when none was presented. */
async function partnerOf(db: AppEnv['Variables']['deps']['db'], key: unknown): Promise<Open311Key | null> {
  if (key === undefined || key === '') return null;
  const client = typeof key === 'string' ? await findEnabledKey(db, key) : null;
  if (!client) throw unauthenticated('缺少或无效的 api_key', 'invalid_api_key');
  return client;
}

/** Body of a form-encoded or JSON POST, as Open311 fields (JSON validated by schema: no objects, no nulls). */
async function fields(req: Request): Promise<Open311Fields> {
  const type = req.headers.get('content-type') ?? '';
  if (type.includes('application/json')) {
    let raw: unknown;
    try {
      raw = await req.json();
    } catch {
      throw invalid('请求内容不是有效的 JSON', 'invalid_json');
    }
    const parsed = open311JsonBody.safeParse(raw);
    if (!parsed.success) {
      const issues = parsed.error.issues.map((i) => ({ field: i.path.join('.') || 'body', message: i.message }));
      throw invalid(issues.map((i) => `${i.field}: ${i.message}`).join('；'), 'invalid_open311_request', { issues });
    }
    return parsed.data;
  }
  const form = new URLSearchParams(await req.text());
  const out: Record<string, string> = {};
  for (const [k, v] of form) out[k] = v;
  return out;
}

/** Open311 reports errors as `[{code, description}]` (XML: `<errors><error>`) with the HTTP status, not our envelope. */
function open311Errors(): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    await next();
    // Hono has already run the error boundary; re-shape a domain error's response for Open311 clients.
    const e = c.error;
    if (!(e instanceof DomainError)) return;
    const issues = (e.data as { issues?: { field: string; message: string }[] } | undefined)?.issues;
    const list = issues?.length ? issues.map((i) => ({ code: e.status, description: `${i.field}: ${i.message}` })) : [{ code: e.status, description: e.message }];
    const { body, type } = await open311Body(formatOfPath(c.req.path), 'errors', list);
    c.res = new Response(body, { status: e.status, headers: { 'content-type': type } });
  };
}

type Ctx = Context<AppEnv>;
const send = async (c: Ctx, format: Open311Format, root: string, data: unknown, status: 200 | 201 = 200) => {
  const { body, type } = await open311Body(format, root, data);
  return c.body(body, status, { 'content-type': type });
};

/** `requests/abc.xml` → ['abc', 'xml']. */
const splitFormat = (name: string): [string, Open311Format] => {
  const m = /^(.+)\.(json|xml)$/.exec(name);
  if (!m) throw notFound('资源不存在（应以 .json 或 .xml 结尾）', 'not_found');
  return [m[1]!, m[2] as Open311Format];
};

/**
 * The city a request is about: `jurisdiction_id` names one of the cities this deployment serves; without it, the
 * only city, or — with several — a clear 400 listing them (GeoReport v2: required where an endpoint serves several).
 */
async function jurisdiction(c: Ctx, given: unknown): Promise<string> {
  const cities = (await citiesWithTowns(c.get('deps').db)).sort();
  const id = typeof given === 'string' ? given.trim() : '';
  if (id) {
    if (!cities.includes(id)) throw notFound(`jurisdiction_id 无效：${id.slice(0, 32)}（可用：${cities.join('、')}）`, 'jurisdiction_not_found');
    return id;
  }
  if (cities.length === 1) return cities[0]!;
  throw invalid(`请提供 jurisdiction_id（可用：${cities.join('、')}）`, 'jurisdiction_required');
}

/** The class table a city's services come from. */
const tableOf = async (_c: Ctx, _cityId: string): Promise<ClassTable> => SEED_CLASS_TABLE;

/** Open311 GeoReport v2 (JSON and XML), one jurisdiction per city: discovery, services, definitions, requests. */
export function open311Routes(app: Hono<AppEnv>) {
  app.use(`${BASE}/*`, open311Errors());

  app.get(`${BASE}/:file{discovery\\.(json|xml)}`, async (c) => {
    const [, format] = splitFormat(c.req.param('file'));
    const { config } = c.get('deps');
    const url = `${config.blob.publicBaseUrl.replace(/\/$/, '')}${BASE}/`; // PUBLIC_BASE_URL
    const cities = (await citiesWithTowns(c.get('deps').db)).sort();
    return send(c, format, 'discovery', {
      changeset: DISCOVERY_CHANGESET,
      contact: '各城市数字城管（城市服务码）平台；接入密钥由城市管理员发放',
      key_service: '联系所在城市的平台管理员申请 api_key（npx cityloop open311 key create）',
      jurisdictions: cities,
      endpoints: [{ specification: 'http://wiki.open311.org/GeoReport_v2', url, changeset: DISCOVERY_CHANGESET, type: 'production', formats: ['text/xml', 'application/json'] }],
    });
  });

  app.get(`${BASE}/:file{services\\.(json|xml)}`, async (c) => {
    const [, format] = splitFormat(c.req.param('file'));
    const city = await jurisdiction(c, c.req.query('jurisdiction_id'));
    return send(c, format, 'services', open311Services(await tableOf(c, city)));
  });

  app.get(`${BASE}/services/:file`, async (c) => {
    const [code, format] = splitFormat(c.req.param('file'));
    const city = await jurisdiction(c, c.req.query('jurisdiction_id'));
    const table = await tableOf(c, city);
    const { kind, classCode } = parseServiceCode(code, table);
    return send(c, format, 'service_definition', toServiceDefinition(code, findClass(kind, classCode, table)?.attributes ?? []));
  });

  app.get(`${BASE}/:file{requests\\.(json|xml)}`, async (c) => {
    const [, format] = splitFormat(c.req.param('file'));
    const { db, now } = c.get('deps');
    const city = await jurisdiction(c, c.req.query('jurisdiction_id'));
    const partner = await partnerOf(db, c.req.query('api_key'));
    const q = parseOpen311ListQuery(c.req.query(), now(), await tableOf(c, city));
    const visible = { 'scope.cityId': city, ...(partner ? { $or: [{ state: { $nin: UNPUBLISHED } }, { reporterId: partner.userId }] } : { state: { $nin: UNPUBLISHED } }) };
    const filter = q.by === 'id' ? { _id: { $in: q.ids }, ...visible } : { createdAt: { $gte: q.start, $lte: q.end }, ...(q.states ? { state: { $in: q.states } } : {}), ...(q.services?.length ? { $and: [{ $or: q.services.map((s) => ({ kind: s.kind, classCode: s.classCode })) }, visible] } : visible) };
    const rows = await listCaseSummaries(db, filter as never, q.by === 'id' ? 200 : q.limit);
    return send(c, format, 'service_requests', await Promise.all(rows.map(async (x) => view(x, await unitName(c, x), !!partner && x.reporterId === partner.userId))));
  });

  app.get(`${BASE}/requests/:file`, async (c) => {
    const [id, format] = splitFormat(c.req.param('file'));
    const { db } = c.get('deps');
    const given = c.req.query('jurisdiction_id');
    const city = given ? await jurisdiction(c, given) : null;
    const partner = await partnerOf(db, c.req.query('api_key'));
    const x = await findCase(db, id);
    const own = !!x && !!partner && x.reporterId === partner.userId;
    if (!x || (city && x.scope.cityId !== city) || (!published(x) && !own)) throw notFound('请求不存在', 'request_not_found');
    return send(c, format, 'service_requests', [view(x, await unitName(c, x), own)]);
  });

  app.post(`${BASE}/:file{requests\\.(json|xml)}`, async (c) => {
    const [, format] = splitFormat(c.req.param('file'));
    const f = await fields(c.req.raw);
    const key = typeof f.api_key === 'string' ? f.api_key : '';
    const client = key ? await findEnabledKey(c.get('deps').db, key) : null;
    if (!client) throw unauthenticated('缺少或无效的 api_key', 'invalid_api_key');
    const asked = typeof f.jurisdiction_id === 'string' ? f.jurisdiction_id.trim() : '';
    if (asked && asked !== client.cityId) throw forbidden(`该 api_key 只能向 ${client.cityId} 提交`, 'jurisdiction_mismatch');
    const table = await tableOf(c, client.cityId);
    const post = parseOpen311Post(f, table);
    const checked = checkServiceAttributes(findClass(post.kind, post.classCode, table)?.attributes ?? [], post.attributes);
    if (checked.issues.length) throw invalid(checked.issues.map((i) => `${i.field}: ${i.message}`).join('；'), 'invalid_open311_request', { issues: checked.issues });
    if (!post.location) throw invalid('本平台需要 lat/long 坐标（GCJ-02）', 'location_required');
    const r = await createCase(
      c.get('deps'),
      client.userId,
      { kind: post.kind, classCode: post.classCode, description: post.description ?? '(Open311)', photos: [], location: post.location, source: 'open311', attributes: checked.values },
      { requestId: c.get('requestId'), ip: c.get('ip') },
      { limit: PARTNER_LIMIT, cityId: client.cityId }, // a hotline files for many callers: not a citizen's 5 an hour
    );
    touched(c, CASES, r.case._id);
    return send(c, format, 'service_requests', [{ service_request_id: r.case._id, service_notice: '已受理，处置进展可通过 requests/{id} 查询', account_id: null }], 201);
  });
}

/** Bumped when the discovery document's content changes (GeoReport v2 `changeset`). */
const DISCOVERY_CHANGESET = '2026-12-07T00:00:00+08:00';

async function unitName(c: { get: (k: 'deps') => AppEnv['Variables']['deps'] }, x: CityCase): Promise<string | null> {
  const id = x.scope.orgIds?.[0];
  if (!id) return null;
  if (!orgNames.has(id)) {
    const name = await findOrgName(c.get('deps').db, id);
    if (name !== null) orgNames.set(id, name);
  }
  return orgNames.get(id) ?? id;
}
