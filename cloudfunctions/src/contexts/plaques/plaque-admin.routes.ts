import type { Hono } from 'hono';
import { notFound } from '@cityloop/shared/errors';
import type { Actor } from '@cityloop/shared/identity/roles';
import { can } from '@cityloop/shared/policy/can';
import { plaqueKitQuery, plaquePdfListQuery, plaquePdfQuery, shopImportRequest } from '@cityloop/shared/plaques/shop-admin.contract';
import type { AppEnv } from '../../platform/http/app-env';
import type { Deps } from '../../platform/deps';
import { jsonBody, ok, query } from '../../platform/http/respond';
import { requireActor } from '../../platform/auth/authenticate';
import { signCodeUrl } from '../../platform/codes/signed-code';
import type { Shop } from './plaque.collections';
import { ensureOwnerBindings, isVisibleShop, shopsByIds } from './shop.repository';
import { bindingCodeOf, newOwnerBinding } from './owner-binding';
import { maskPhone } from '../../platform/auth/users';
import { contactsByIds } from '../../platform/auth/users.repository';
import { importShops } from './import-shops';
import type { PlaqueShop } from './plaque.pdf';


/**
 * The shops behind `ids`, in that order, if every one exists, is visible and is in the actor's area;
 * otherwise a 404 naming the ids (the same answer for "no such shop" and "not yours": nothing leaks).
 */
async function printableShops(deps: Deps, actor: NonNullable<Actor>, ids: string[]): Promise<Shop[]> {
  const found = await shopsByIds(deps.db, ids);
  const byId = new Map<string, Shop>();
  for (const s of found) if ((await isVisibleShop(deps.db, s)) && can(actor, 'shop.print', { kind: 'shop', scope: s.scope }).allow) byId.set(s._id, s);
  const missing = ids.filter((id) => !byId.has(id));
  if (missing.length) throw notFound(`责任牌不存在或不在您的管辖范围内：${missing.slice(0, 5).join('、')}${missing.length > 5 ? ` 等 ${missing.length} 个` : ''}`, 'shop_not_found');
  return ids.map((id) => byId.get(id)!);
}

/** The kit's owner page for each shop not bound yet (shops registered before 绑定码 existed get one now). */
async function withBindings(deps: Deps, shops: Shop[]): Promise<Map<string, PlaqueShop['binding']>> {
  const secret = deps.config.codeSecret;
  const withCodes = await ensureOwnerBindings(deps.db, shops, (id) => newOwnerBinding(secret, id));
  const contacts = await contactsByIds(deps.db, withCodes.map((s) => s.owner.userId));
  const out = new Map<string, PlaqueShop['binding']>();
  for (const s of withCodes) {
    if (!s.ownerBinding || s.ownerBinding.boundAt) continue;
    out.set(s._id, { code: bindingCodeOf(secret, s._id, s.ownerBinding.nonce), ownerName: s.owner.name, phone: maskPhone(contacts.get(s.owner.userId)?.phone) ?? '未登记' });
  }
  return out;
}

async function plaquePdf(deps: Deps, shops: Shop[], hotline?: string, kit = false): Promise<Uint8Array<ArrayBuffer>> {
  const bindings = kit ? await withBindings(deps, shops) : new Map<string, PlaqueShop['binding']>();
  // Loaded on the first print, with pdfkit and qrcode: the api's cold start never parses them.
  const { renderPlaquesToBuffer } = await import('./plaque.pdf');
  const pdf = await renderPlaquesToBuffer(
    shops.map((s) => ({ id: s._id, name: s.name, address: s.address, duties: s.duties, grade: s.grade, score: s.score, zone: s.zone, binding: bindings.get(s._id) })),
    { codeUrl: (id) => signCodeUrl(deps.config.codeSecret, deps.config.codeBaseUrl, id), hotline, printedAt: deps.now() },
  );
  return new Uint8Array(pdf);
}

/** Shop registration and printable plaques, for regulators, area chiefs and admins (the `shop.*` policy rules). */
export function plaqueAdminRoutes(app: Hono<AppEnv>) {
  /**
   * 商户导入 (CSV text): all shops imported, or none with a per-row error list (400 `import_rejected`,
   * `data.errors: [{row, field, message}]`). 201 when shops were created, 200 when every row was unchanged.
   */
  app.post('/api/plaques/import', async (c) => {
    const actor = requireActor(c);
    const body = await jsonBody(c, shopImportRequest);
    const r = await importShops(c.get('deps'), actor, body, { requestId: c.get('requestId'), ip: c.get('ip') });
    return ok(c, r, { status: r.imported > 0 ? 201 : 200 });
  });

  /** 责任牌 PDF of one shop (A5 landscape); `?kit=1` adds the owner's page with the 绑定码 (the binding kit). */
  app.get('/api/plaques/:id/pdf', async (c) => {
    const actor = requireActor(c);
    const q = query(c, plaquePdfQuery.merge(plaqueKitQuery));
    const deps = c.get('deps');
    const shops = await printableShops(deps, actor, [c.req.param('id')]);
    return c.body(await plaquePdf(deps, shops, q.hotline, q.kit === '1'), 200, { 'content-type': 'application/pdf', 'content-disposition': `inline; filename="plaque-${shops[0]._id}.pdf"` });
  });

  /** 责任牌 PDF of several shops, one page each, in the order given: `?ids=pq_a,pq_b`. */
  app.get('/api/plaque-pdf', async (c) => {
    const actor = requireActor(c);
    const q = query(c, plaquePdfListQuery.merge(plaqueKitQuery));
    const deps = c.get('deps');
    const shops = await printableShops(deps, actor, q.ids);
    return c.body(await plaquePdf(deps, shops, q.hotline, q.kit === '1'), 200, { 'content-type': 'application/pdf', 'content-disposition': `inline; filename="plaques-${shops.length}.pdf"` });
  });
}
