import { createHash } from 'node:crypto';
import type { Db } from 'mongodb';
import { forbidden, invalid } from '@cityloop/shared/errors';
import type { Actor, RoleBinding } from '@cityloop/shared/identity/roles';
import { roleKeysOf } from '@cityloop/shared/identity/roles';
import { parseShopsCsv, type ImportError, type ShopInput } from '@cityloop/shared/plaques/shop-import';
import type { ImportedShop, ShopImportBody as ShopImportRequest, ShopImportOutcome } from '@cityloop/shared/plaques/shop-admin.contract';
import { dutiesForTown, type Duty } from '@cityloop/shared/plaques/duties';
import { can, holdsRoleFor } from '@cityloop/shared/policy/can';
import type { Deps } from '../../platform/deps';
import { newId } from '../../platform/ids';
import { appendAudit } from '../../platform/audit/audit-log';
import type { User } from '../../platform/auth/users';
import { deleteImportedUsers, grantRoleOnce, insertUsers, usersByPhones } from '../../platform/auth/users.repository';
import { signCodeUrl } from '../../platform/codes/signed-code';
import { invalidateRoutingTables, routingTables, townsOfCity } from '../cases/public';
import { SHOPS, type Shop } from './plaque.collections';
import { isVisibleShop, shopsByLicences } from './shop.repository';
import { SHOP_IMPORTS, type ShopImport } from './shop-import.collection';
import { syncPatrolRule } from './shop-score';
import { newOwnerBinding } from './owner-binding';
import { stagedImport, type FinishHooks } from '../../platform/staged-import';

export type { ImportedShop, ShopImportBody as ShopImportRequest, ShopImportOutcome } from '@cityloop/shared/plaques/shop-admin.contract';

/** A request-time budget for the work after the commit (patrol rules, `active`); the scheduler finishes the rest. */
const AFTER_COMMIT_MS = 5000;
/** An import still staging after this long died with its request (the api function times out in 15 s). */
export const STALE_SHOP_IMPORT_MS = 3600_000;

/** The 400 that carries every problem; nothing has been written when it is thrown. */
export const shopImportRejected = (errors: ImportError[]) =>
  invalid(`导入未执行：发现 ${errors.length} 处错误，没有写入任何商户。请按错误清单修改文件后重新导入`, 'import_rejected', {
    errors: [...errors].sort((a, b) => a.row - b.row),
  });

/** The policy action a write of shops is checked against: the CSV import, or the one-shop form. */
export type ShopWriteAction = 'shop.import' | 'shop.register';

type Town = { _id: string; name?: string; plaqueDuties?: Duty[] };
type Planned = { input: ShopInput; townId: string; gridId: string; duties: Duty[]; hash: string };

/** What an identical re-import must reproduce: everything the import sets, with the grid and duties as placed. */
function importHash(p: Omit<Planned, 'hash'>): string {
  const i = p.input;
  return createHash('sha256').update(JSON.stringify([i.licenceNo, i.name, i.address, i.lng, i.lat, p.gridId, i.owner.name, i.owner.phone, i.zone.frontageM, i.zone.depthM, i.zone.polygon ?? null, p.duties])).digest('hex');
}

/**
 * Places every row in its grid (its own `gridId`, else the grid containing the shop), checks that the actor
 * may register shops there (a town regulator: their town; an area chief: their grids), resolves the duties
 * against the town's list, then compares licence numbers with the database: an identical shop is
 * `unchanged`, a different one is an error (an import never edits a registered shop).
 */
async function placeRows(db: Db, actor: NonNullable<Actor>, rows: ShopInput[], req: ShopImportRequest, nowMs: number, errors: ImportError[], action: ShopWriteAction) {
  const err = (row: number, field: string, message: string) => void errors.push({ row, field, message });
  invalidateRoutingTables(); // grids drawn a minute ago must count
  const tables = await routingTables(db, nowMs);
  const towns = new Map((await townsOfCity(db, req.cityId)).map((t) => [t._id, t]));
  if (towns.size === 0) {
    err(0, 'cityId', `城市 ${req.cityId} 还没有镇街和网格数据，请先导入网格`);
    return { planned: [], unchanged: [] as { input: ShopInput; shop: Shop }[] };
  }
  const planned: Planned[] = [];
  for (const input of rows) {
    const grid = input.gridId ? tables.grids.get(input.gridId) : tables.grids.gridAt(input.lng, input.lat);
    const field = input.gridId ? 'gridId' : 'lng';
    if (!grid) {
      err(input.row, field, input.gridId ? `网格 ${input.gridId} 不存在` : `位置（经度 ${input.lng}，纬度 ${input.lat}）不在任何网格内，请核对坐标或填写 gridId`);
      continue;
    }
    const town = towns.get(grid.townId);
    if (!town) {
      err(input.row, field, `网格 ${grid.id} 不属于城市 ${req.cityId}`);
      continue;
    }
    if (!can(actor, action, { kind: 'shop', scope: { cityId: req.cityId, townId: grid.townId, gridId: grid.id } }).allow) {
      err(input.row, field, `该商户位于${town.name ?? grid.townId}（网格 ${grid.id}），不在您的管辖范围内，不能导入`);
      continue;
    }
    const d = dutiesForTown(input.duties, town.plaqueDuties);
    if ('error' in d) {
      err(input.row, 'duties', d.error);
      continue;
    }
    const p = { input, townId: grid.townId, gridId: grid.id, duties: d.duties };
    planned.push({ ...p, hash: importHash(p) });
  }

  // One query for all licences (on FerretDB every query is a collection scan).
  const byLicence = new Map(planned.map((p) => [p.input.licenceNo, p]));
  const found = await shopsByLicences(db, rows.map((r) => r.licenceNo));
  const unchanged: { input: ShopInput; shop: Shop }[] = [];
  for (const s of found) {
    const p = byLicence.get(s.licenceNo);
    if (!p) continue; // the row already has its own error
    if (!(await isVisibleShop(db, s))) err(p.input.row, 'licenceNo', `营业执照号 ${s.licenceNo} 正被另一批导入占用，请稍后重试`);
    else if (s.importHash === p.hash) unchanged.push({ input: p.input, shop: s });
    else err(p.input.row, 'licenceNo', `营业执照号 ${s.licenceNo} 已登记为“${s.name}”（责任牌 ${s._id}），与本行内容不同；导入不会修改已登记的商户`);
    byLicence.delete(s.licenceNo);
  }
  return { planned: planned.filter((p) => byLicence.has(p.input.licenceNo)), unchanged };
}

/**
 * Owner accounts: a user who already has the owner's mobile number is the owner (one person, several shops);
 * otherwise a new account without WeChat (`openid`) is created, which complaints reach by SMS and inbox.
 */
async function planOwners(db: Db, planned: Planned[], cityId: string, batch: string, t: Date) {
  const phones = [...new Set(planned.map((p) => p.input.owner.phone))];
  const existing = await usersByPhones(db, phones);
  const ownerOf = new Map<string, string>();
  for (const u of existing.sort((a, b) => Number(!!b.openid) - Number(!!a.openid))) if (u.phone && !ownerOf.has(u.phone)) ownerOf.set(u.phone, u._id);
  const binding = (p: Planned): RoleBinding => ({ role: 'shopOwner', cityId, townId: p.townId, gridIds: [p.gridId] });
  const fresh = new Map<string, User & { importBatch: string }>();
  const grants: ShopImport['grants'] = [];
  for (const p of planned) {
    const phone = p.input.owner.phone;
    const known = ownerOf.get(phone);
    if (known) {
      grants.push({ userId: known, binding: binding(p) });
      continue;
    }
    let u = fresh.get(phone);
    if (!u) {
      u = { _id: newId('u', t.getTime()), name: p.input.owner.name, phone, roles: [], roleKeys: [], createdAt: t, version: 1, importBatch: batch };
      fresh.set(phone, u);
    }
    if (!u.roleKeys!.includes(`shopOwner:grid:${p.gridId}`)) {
      u.roles.push(binding(p));
      u.roleKeys = roleKeysOf(u.roles);
    }
  }
  const userOf = (phone: string) => ownerOf.get(phone) ?? fresh.get(phone)!._id;
  return { fresh: [...fresh.values()], grants, userOf };
}

/** The staged write of shops (commit record `shop_imports`); an uncommitted batch also takes the owner accounts it created. */
export const shopStaging = stagedImport<Shop, ShopImport>({
  label: 'shop import',
  records: SHOP_IMPORTS,
  rows: SHOPS,
  chunk: 500,
  activateChunk: 50,
  staleMs: STALE_SHOP_IMPORT_MS,
  maxBatches: 100,
  rejected: (errors) => shopImportRejected(errors),
  alsoRollBack: (db, batch) => deleteImportedUsers(db, batch),
});

/** After the commit: role grants for owners who had an account, then each shop's grade patrol rule (A: weekly). */
const finishing = (deps: Deps): FinishHooks<Shop> => ({
  beforeActivate: async (record) => {
    for (const g of (record as ShopImport).grants) {
      await grantRoleOnce(deps.db, g.userId, `shopOwner:grid:${g.binding.gridIds?.[0]}`, g.binding);
    }
  },
  onActivate: {
    projection: { history: 0, outbox: 0, pendingAudit: 0 },
    run: async (shops) => {
      for (const s of shops) await syncPatrolRule(deps, s);
    },
  },
});

/** Rolls a committed batch forward (grants, patrol rules, `active`, `done`); bounded by `deadlineMs`, idempotent. */
export const finishShopImport = (deps: Deps, batch: string, deadlineMs = Infinity) => shopStaging.finish(deps.db, batch, deps.now(), deadlineMs, finishing(deps));

/** Scheduler step (run with `plaque-escalation`): rolls committed batches forward and stale staging ones back. */
export async function settleShopImports(deps: Deps, budgetMs = 30_000): Promise<{ shopsActivated: number; shopImportsRolledBack: number }> {
  const r = await shopStaging.settle(deps.db, deps.now(), budgetMs, finishing(deps));
  return { shopsActivated: r.activated, shopImportsRolledBack: r.rolledBack };
}

/**
 * 商户导入 (门前三包责任户), all or nothing: parses the CSV (shared/plaques/shop-import.ts), places each row,
 * checks the actor's area row by row and licence numbers against the database, and rejects the whole file
 * with a per-row error list if anything is wrong. Staged like facility imports (platform/staged-import.ts): commit
 * record `staging` → new owner accounts and every shop inserted `active: false` → the record flips to
 * `committed` (the commit point: readers see the shops from here, isVisibleShop) → grants, patrol rules
 * and `active` are rolled forward (in the request while time allows, then by the scheduler).
 * Re-importing a shop with the same licence and the same content is a no-op reported as `unchanged`.
 * Each shop gets a plaque id `pq_…` (its signed code URL is returned), score 100, grade A.
 */
export async function importShops(deps: Deps, actor: NonNullable<Actor>, req: ShopImportRequest, ctx: { requestId?: string; ip?: string } = {}, action: ShopWriteAction = 'shop.import'): Promise<ShopImportOutcome> {
  const { db } = deps;
  if (!holdsRoleFor(actor, action, req.cityId)) throw forbidden('只有本镇街的监管部门、片长或平台管理员可以导入商户', 'forbidden');
  const parsed = parseShopsCsv(req.text);
  const errors: ImportError[] = [...parsed.errors];
  if (parsed.rows.length === 0 && errors.length === 0) errors.push({ row: 0, field: 'file', message: '文件中没有商户' });
  if (parsed.rows.length === 0) throw shopImportRejected(errors);

  const t = deps.now();
  const { planned, unchanged } = await placeRows(db, actor, parsed.rows, req, t.getTime(), errors, action);
  if (errors.length) throw shopImportRejected(errors);
  const codeUrl = (id: string) => signCodeUrl(deps.config.codeSecret, deps.config.codeBaseUrl, id);
  const same: ImportedShop[] = unchanged.map(({ input, shop }) => ({ row: input.row, licenceNo: shop.licenceNo, id: shop._id, name: shop.name, codeUrl: codeUrl(shop._id), status: 'unchanged' }));
  if (planned.length === 0) return { batch: null, imported: 0, unchanged: same.length, shops: same };

  const batch = newId('sb', t.getTime());
  const owners = await planOwners(db, planned, req.cityId, batch, t);
  const docs: Shop[] = planned.map((p) => {
    const id = newId('pq', t.getTime());
    return {
      _id: id,
      version: 1,
      history: [],
      outbox: [],
      pendingAudit: [],
      hasPending: false,
      name: p.input.name,
      licenceNo: p.input.licenceNo,
      address: p.input.address,
      location: { lng: p.input.lng, lat: p.input.lat },
      owner: { userId: owners.userOf(p.input.owner.phone), name: p.input.owner.name, phone: p.input.owner.phone },
      zone: p.input.zone,
      duties: p.duties,
      scope: { cityId: req.cityId, townId: p.townId, gridId: p.gridId, public: true },
      score: 100,
      grade: 'A',
      gradeHistory: [{ at: t, score: 100, grade: 'A' }],
      createdAt: t,
      active: false,
      importBatch: batch,
      importHash: p.hash,
      ownerBinding: newOwnerBinding(deps.config.codeSecret, id),
    };
  });

  const record: ShopImport = { _id: batch, cityId: req.cityId, state: 'staging', rows: docs.length, grants: owners.grants, actorId: actor.userId, requestId: ctx.requestId, createdAt: t, updatedAt: t };
  await shopStaging.place(db, deps.log, record, docs, {
    now: deps.now,
    before: () => insertUsers(db, owners.fresh),
    problems: (e) => {
      const dup = (e as { code?: number }).code === 11000;
      // a new owner account collides on the unique phone index when someone registered that phone meanwhile
      if (dup && /\.users\b/.test((e as Error).message)) return [{ row: 0, field: 'ownerPhone', message: '有负责人手机号刚被登记为其他账号，已撤销本批全部商户，请重新导入' }];
      return [{ row: 0, field: dup ? 'licenceNo' : 'database', message: dup ? '有营业执照号刚被另一批导入登记，已撤销本批全部商户，请重新导入' : '写入数据库失败，已撤销本批全部商户，请稍后重试' }];
    },
  });
  await appendAudit(db, { _id: `${batch}:import`, at: t, actorId: actor.userId, action, target: { collection: SHOP_IMPORTS, id: batch }, requestId: ctx.requestId, ip: ctx.ip, reason: `导入 ${docs.length} 个门前三包责任户`, scope: { cityId: req.cityId } });
  try {
    await finishShopImport(deps, batch, Date.now() + AFTER_COMMIT_MS);
  } catch (e) {
    deps.log.warn('shop import committed; finishing left to the scheduler', { batch, error: (e as Error).message });
  }
  const created: ImportedShop[] = docs.map((d, i) => ({ row: planned[i].input.row, licenceNo: d.licenceNo, id: d._id, name: d.name, codeUrl: codeUrl(d._id), status: 'imported' }));
  return { batch, imported: docs.length, unchanged: same.length, shops: [...created, ...same].sort((a, b) => a.row - b.row) };
}
