import { invalid, isDomainError } from '@cityloop/shared/errors';
import type { Actor } from '@cityloop/shared/identity/roles';
import { SHOP_CSV_COLUMNS, type ImportError } from '@cityloop/shared/plaques/shop-import';
import type { ImportedShop, ShopFormBody } from '@cityloop/shared/plaques/shop-admin.contract';
import type { Deps } from '../../platform/deps';
import { importShops } from './import-shops';

const cell = (v: unknown) => {
  const s = v === undefined || v === null ? '' : String(v);
  return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
};

/**
 * 单个商户登记: the form's fields become the one row of an import, so a shop by form is checked exactly as an
 * imported one (the CSV parser, the grid, the actor's area under the `shop.register` rule, the duties, the
 * licence against the database) and written the same way (owner account, plaque id, 绑定码, patrol rule).
 * A refusal names the form's fields: 400 `shop_rejected`, `data.errors: [{field, message}]`.
 */
export async function registerShop(deps: Deps, actor: NonNullable<Actor>, form: ShopFormBody, ctx: { requestId?: string; ip?: string }): Promise<ImportedShop> {
  const row = SHOP_CSV_COLUMNS.map((c) => cell((form as Record<string, unknown>)[c]));
  const text = `${SHOP_CSV_COLUMNS.join(',')}\n${row.join(',')}`;
  try {
    const r = await importShops(deps, actor, { text, cityId: form.cityId }, ctx, 'shop.register');
    return r.shops[0];
  } catch (e) {
    if (!isDomainError(e) || e.code !== 'import_rejected') throw e;
    const errors = ((e.data as { errors: ImportError[] }).errors ?? []).map(({ field, message }) => ({ field, message }));
    throw invalid(errors.map((x) => x.message).join('；') || '商户信息有误', 'shop_rejected', { errors });
  }
}
