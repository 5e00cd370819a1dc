import { timingSafeEqual } from 'node:crypto';
import { invalid, isDomainError, notFound } from '@cityloop/shared/errors';
import type { Deps } from '../../platform/deps';
import { newId } from '../../platform/ids';
import { verifyCode } from '../../platform/codes/signed-code';
import type { CodeResolver } from '../../platform/codes/code-resolvers';
import { findReport, findReportByNumber } from './project.repository';
import { findInstrument } from './registry.repository';
import { logForgery } from './event.repository';
import { reportCheckCode } from './report-number';
import { presentPublicReport } from './firetest-present';
import type { FireReport } from './firetest.collections';

type Ctx = { ip?: string; actorId?: string | null };

async function publicView(deps: Deps, r: FireReport) {
  const by = r.supersededBy ? await findReport(deps.db, r.supersededBy) : null;
  return presentPublicReport(r, by?.number ?? null);
}

/** A scanned report QR: a wrong signature is refused (`code_forged`) and logged; a good one shows the registry's record. */
export async function checkReportCode(deps: Deps, token: string, ctx: Ctx) {
  let id: string;
  try {
    const v = verifyCode(deps.config.codeSecret, token);
    if (v.prefix !== 'fr') throw invalid('这不是消防检测报告的二维码', 'not_a_report');
    id = v.id;
  } catch (e) {
    if (isDomainError(e) && e.code === 'code_forged') await logForgery(deps.db, { _id: newId('ff'), kind: 'report_code', input: token.slice(0, 300), ip: ctx.ip, actorId: ctx.actorId ?? null, at: deps.now() });
    throw e;
  }
  const r = await findReport(deps.db, id);
  if (!r || r.state === 'draft') throw notFound('登记系统中没有这份报告', 'report_not_found');
  return publicView(deps, r);
}

/**
 * A paper report's number and its printed check code. An altered number (or code) does not match: refused with
 * `report_number_forged` and logged — the registry never confirms a number it did not issue with that code.
 */
export async function checkReportNumber(deps: Deps, number: string, check: string, ctx: Ctx) {
  const want = Buffer.from(reportCheckCode(deps.config.codeSecret, number));
  const got = Buffer.from(check.toUpperCase());
  const r = want.length === got.length && timingSafeEqual(want, got) ? await findReportByNumber(deps.db, number) : null;
  if (!r || r.state === 'draft') {
    await logForgery(deps.db, { _id: newId('ff'), kind: 'report_number', input: `${number} ${check}`.slice(0, 120), ip: ctx.ip, actorId: ctx.actorId ?? null, at: deps.now() });
    throw invalid('报告编号与防伪校验码不符：登记系统中没有这份报告，可能被伪造或篡改，请向住建部门举报', 'report_number_forged');
  }
  return publicView(deps, r);
}

/** What a scanned report code (`fr_…`) shows on the shared scan page. */
export const resolveReportCode: CodeResolver = async (db, id) => {
  const r = await findReport(db, id);
  if (!r || r.state === 'draft') return null;
  return { kind: 'fire_report', id: r._id, title: `消防检测报告 ${r.number}`, subtitle: `${r.agencyName} · ${r.building.name} · ${r.conclusion} · ${r.state === 'voided' ? '已作废' : '有效'}`, page: '/packages/fire/pages/check/index', data: { number: r.number, agencyName: r.agencyName, building: r.building.name, conclusion: r.conclusion, status: r.state } };
};

/** What a scanned instrument label (`fi_…`) shows: the instrument and its calibration. */
export const resolveInstrumentCode: CodeResolver = async (db, id) => {
  const i = await findInstrument(db, id);
  if (!i) return null;
  // (the resolver has no clock: the page compares validUntil with today)
  return { kind: 'fire_instrument', id: i._id, title: i.type, subtitle: `出厂编号 ${i.serial} · 检定有效期至 ${i.validUntil}`, page: '/packages/fire/pages/check/index', data: { serial: i.serial, validUntil: i.validUntil } };
};
