/**
 * What the IDOR matrix tries, derived from the policy rules: for each kind of record a route addresses by id,
 * which collection holds it and the rule predicate that says who may reach it (`can` from shared/src/policy, so
 * the harness and the product read the same table). A record is "outside" a persona's scope when that predicate
 * says no; any 2xx on it (or a list that returns it) is a wrong success.
 */
import { can } from '@cityloop/shared/policy/can';
import { personScope, type ProjectPlace } from '@cityloop/shared/identity/person-scope';
import type { Actor } from '@cityloop/shared/identity/roles';
import type { Db } from 'mongodb';

export type Doc = { _id: string; version?: number; scope?: any; [k: string]: any };
export type Env = { shopOwner: Map<string, string>; projects: ProjectPlace[]; pointCode: Map<string, string>; blobReaders: Map<string, (a: NonNullable<Actor>) => boolean> };
export type Kind = { name: string; collection: string; inside: (a: NonNullable<Actor>, d: Doc, env: Env) => boolean };

const rule = (action: string, kind: string) => (a: NonNullable<Actor>, d: Doc) => !!d.scope && can(a, action, { kind, scope: d.scope }).allow;

export const KINDS: Record<string, Kind> = {
  case: { name: 'case', collection: 'cases', inside: rule('case.read', 'case') },
  project: { name: 'project', collection: 'pit_projects', inside: rule('pit.read', 'pit') },
  alarm: { name: 'alarm', collection: 'pit_alarms', inside: rule('alarm.read', 'alarm') },
  upload: { name: 'upload', collection: 'pit_uploads', inside: rule('pit.read', 'pit') },
  device: { name: 'device', collection: 'pit_devices', inside: rule('pit.read', 'pit') },
  // a complaint: its complainant, the shop's owner, and whoever may decide it (the area chief's case.accept)
  complaint: { name: 'complaint', collection: 'plaque_complaints', inside: (a, d, env) => d.complainantId === a.userId || env.shopOwner.get(d.shopId) === a.userId || can(a, 'case.accept', { kind: 'plaque', scope: d.scope }).allow || can(a, 'appeal.read', { kind: 'plaque', scope: d.scope }).allow },
  inbox: { name: 'inbox', collection: 'inbox', inside: (a, d) => d.userId === a.userId },
  notice: { name: 'notice', collection: 'notices', inside: (a, d) => d.createdBy === a.userId || (d.recipientIds ?? d.recipients ?? []).includes?.(a.userId) },
  person: { name: 'person', collection: 'users', inside: (a, d, env) => d._id === a.userId || can(a, 'person.phone.read', { kind: 'person', scope: personScope(d.roles ?? [], env.projects) }).allow },
  shop_print: { name: 'shop_print', collection: 'shops', inside: rule('shop.print', 'shop') },
  blob: { name: 'blob', collection: 'blobs', inside: (a, d, env) => d.uploadedBy === a.userId || (env.blobReaders.get(d._id)?.(a) ?? false) },
  delivery: { name: 'delivery', collection: 'deliveries', inside: (a, d) => d.userId === a.userId || rule('delivery.read', 'delivery')(a, d) },
};

/** Routes addressed by a record id: the pattern's first segment after /api decides the kind. */
export function kindOfRoute(method: string, p: string): { kind: Kind } | { skip: string } {
  if (p.startsWith('/api/ingest/pit/devices/')) return { skip: 'device-signed (HMAC), no session: covered by the device tests' };
  if (p.startsWith('/api/open311/')) return { skip: 'public by design (published cases only; privacy tested in open311 tests)' };
  if (p.startsWith('/api/codes/')) return { skip: 'public: a signed code anyone may scan' };
  if (p === '/api/plaques/:id' || p === '/api/plaques/:id/complaints') return { skip: 'public: every plaque is readable and complainable by any citizen' };
  if (p.startsWith('/api/plaque-photos/')) return { kind: KINDS.complaint };
  if (p.startsWith('/api/plaques/:id/pdf')) return { kind: KINDS.shop_print };
  if (p.startsWith('/api/cases/:id')) return { kind: KINDS.case };
  if (p.startsWith('/api/pit/projects/:id') || p.startsWith('/api/ingest/pit/projects/:id')) return { kind: KINDS.project };
  if (p.startsWith('/api/pit/alarms/:id')) return { kind: KINDS.alarm };
  if (p.startsWith('/api/pit/uploads/:id')) return { kind: KINDS.upload };
  if (p.startsWith('/api/pit/devices/:id')) return { kind: KINDS.device };
  if (p.startsWith('/api/plaque-complaints/:id')) return { kind: KINDS.complaint };
  if (p.startsWith('/api/inbox/:id')) return { kind: KINDS.inbox };
  if (p.startsWith('/api/notices/:id')) return { kind: KINDS.notice };
  if (p.startsWith('/api/people/:id')) return { kind: KINDS.person };
  if (p.startsWith('/api/blobs/:sha')) return { kind: KINDS.blob };
  return { skip: `unmapped id route ${method} ${p}` };
}

/** List routes and the kind of record each lists: a returned id of that kind outside scope is a wrong success. */
export const LISTS: Record<string, Kind> = {
  'GET /api/cases': KINDS.case,
  'GET /api/cases/mine': KINDS.case,
  'GET /api/pit/projects': KINDS.project,
  'GET /api/pit/alarms': KINDS.alarm,
  'GET /api/shop/complaints': KINDS.complaint,
  'GET /api/plaque-appeals': KINDS.complaint,
  'GET /api/inbox': KINDS.inbox,
  'GET /api/deliveries': KINDS.delivery,
};
export const LIST_QUERIES: Record<string, string[]> = {
  'GET /api/cases': ['?state=all&limit=200'],
  'GET /api/cases/mine': [''],
  'GET /api/pit/projects': [''],
  'GET /api/pit/alarms': ['?status=all'],
  'GET /api/shop/complaints': [''],
  'GET /api/plaque-appeals': ['?status=pending', '?status=decided'],
  'GET /api/inbox': [''],
  'GET /api/deliveries': [''],
};

/** A body that passes the route's schema, so the request reaches the authorization check (a 400 would hide it). */
export function bodyFor(method: string, p: string, d: Doc): unknown {
  const v = d.version ?? 1;
  const key = `${method} ${p}`;
  const bodies: Record<string, unknown> = {
    'POST /api/cases/:id/actions': { action: 'accept', version: v },
    'POST /api/pit/alarms/:id/actions': { action: 'comment', note: '越权测试', version: v },
    'POST /api/pit/projects/:id/danger-alarms': { description: '越权测试：基坑边出现裂缝' },
    'PUT /api/pit/projects/:id/points/:code/control': { cumulative: 30, rate: 3, reason: '越权测试修改控制值', version: 1 },
    'POST /api/pit/uploads/:id/void': { reason: '越权测试作废数据' },
    'POST /api/plaque-complaints/:id/fix': { note: '已整改', version: v },
    'POST /api/plaque-complaints/:id/answer': { answer: 'confirm', version: v },
    'POST /api/plaque-complaints/:id/appeal': { reason: '越权测试申诉理由' },
    'POST /api/plaque-complaints/:id/appeal-decision': { upheld: true, note: '越权测试' },
    'POST /api/pit/projects/:id/lifecycle': { action: 'pause', version: v, reason: '越权测试暂停' },
    'POST /api/pit/devices/:id/rotate': { version: v },
    'POST /api/pit/devices/:id/revoke': { version: v },
    'POST /api/pit/projects/:id/devices': { name: '越权测试设备', format: 'vw_csv' },
    'PUT /api/pit/projects/:id/info': { version: v, name: '越权测试', address: '越权测试地址' },
    'POST /api/ingest/pit/projects/:id/uploads': { format: 'water_csv', text: 'well_id,time,depth_m\nSW1,2026-01-01 08:00,3.2\n' },
    'POST /api/inbox/:id/read': {},
  };
  return bodies[key] ?? (method === 'GET' ? undefined : { version: v });
}

export async function loadEnv(db: Db): Promise<Env> {
  const shops = await db.collection<Doc>('shops').find({}).toArray();
  const shopOwner = new Map(shops.map((s) => [s._id, s.ownerId ?? s.owner?.userId]));
  const projectsDocs = await db.collection<Doc>('pit_projects').find({}).toArray();
  const projects = projectsDocs.map((p) => ({ id: p._id, cityId: p.scope?.cityId, townId: p.scope?.townId }));
  const points = await db.collection<Doc>('pit_points').find({}).toArray();
  const pointCode = new Map<string, string>();
  for (const pt of points) if (!pointCode.has(pt.projectId)) pointCode.set(pt.projectId, pt.code);
  // who may read a blob besides its uploader and holders: readers of the records that reference it, as each
  // context declares them (its module's evidenceReferrers: collection, fields, read permission)
  const blobReaders = new Map<string, (a: NonNullable<Actor>) => boolean>();
  const add = (sha: string, f: (a: NonNullable<Actor>) => boolean) => {
    const prev = blobReaders.get(sha);
    blobReaders.set(sha, prev ? (a) => prev(a) || f(a) : f);
  };
  const { CONTEXTS } = await import('../../cloudfunctions/src/contexts');
  const at = (x: unknown, path: string[]): unknown[] => {
    if (Array.isArray(x)) return x.flatMap((y) => at(y, path));
    if (path.length === 0) return [x];
    return x && typeof x === 'object' ? at((x as Record<string, unknown>)[path[0]], path.slice(1)) : [];
  };
  for (const ref of CONTEXTS.flatMap((m) => m.evidenceReferrers ?? [])) {
    for (const d of await db.collection<Doc>(ref.collection).find({}).toArray()) {
      for (const f of ref.fields) for (const v of at(d, f.split('.'))) {
        const sha = typeof v === 'string' ? v : (v as { sha256?: string } | null)?.sha256;
        if (typeof sha === 'string') add(sha, (a) => rule(ref.action, ref.kind)(a, d));
      }
    }
  }
  for (const h of await db.collection<Doc>('blob_holders').find({}).toArray()) {
    const sha = h.sha256 ?? h.sha ?? String(h._id).split(':')[0];
    const holder = h.userId ?? h.holderId;
    add(sha, (a) => a.userId === holder);
  }
  return { shopOwner, projects, pointCode, blobReaders };
}

/** The concrete path for a route and a record: `:id` the record, `:code` a point of its project, `:sha` a photo. */
export function fillPath(p: string, d: Doc, env: Env): string | null {
  let out = p.replace(':id', encodeURIComponent(d._id)).replace(':sha', d._id);
  if (out.includes(':code')) {
    const code = env.pointCode.get(d._id);
    if (!code) return null;
    out = out.replace(':code', encodeURIComponent(code));
  }
  if (p.startsWith('/api/plaque-photos/')) {
    const sha = (JSON.stringify(d).match(/[0-9a-f]{64}/) ?? [])[0];
    if (!sha) return null;
    out = `/api/plaque-photos/${encodeURIComponent(d._id)}/${sha}`;
  }
  return out;
}
