import type { Context, Hono } from 'hono';
import { notFound } from '@cityloop/shared/errors';
import { scopeFilter } from '@cityloop/shared/policy/can';
import { shanghaiDay } from '@cityloop/shared/fire-testing/fire-gates';
import { agencyImportRequest, agencyRequest, instrumentImportRequest, instrumentRequest, personRequest, practiceChangeRequest } from '@cityloop/shared/fire-testing/fire.contract';
import type { AppEnv } from '../../platform/http/app-env';
import { jsonBody, ok, touched } from '../../platform/http/respond';
import { requireActor } from '../../platform/auth/authenticate';
import { signCodeUrl } from '../../platform/codes/signed-code';
import { FIRE_AGENCIES, FIRE_PEOPLE } from './firetest.collections';
import { agencyInstruments, agencyPeople, findAgency, findInstrument, listAgencies } from './registry.repository';
import { listCases } from './event.repository';
import { changePractice, registerAgency, registerInstrument } from './registry-commands';
import { leaveAgency, registerPerson } from './register-person';
import { mayReadFire, requireFire } from './fire-access';
import { importAgencies } from './import-agencies';
import { importInstruments } from './import-instruments';
import { presentAgency, presentCase, presentInstrument, presentPerson } from './firetest-present';

const ctxOf = (c: Context<AppEnv>) => ({ requestId: c.get('requestId'), ip: c.get('ip'), touched: c.get('touched') });

/** The registry: agencies with their conditions, people and instruments (regulators; an agency's own staff). */
export function firetestRegistryRoutes(app: Hono<AppEnv>) {
  app.post('/api/fire/agencies', async (c) => {
    const actor = requireActor(c);
    const a = await registerAgency(c.get('deps'), actor, await jsonBody(c, agencyRequest), ctxOf(c));
    return ok(c, presentAgency(a), { status: 201 });
  });

  /** 批量导入: dry run (every problem by line) or commit (all rows or none); only the city's regulators. */
  app.post('/api/fire/agencies/import', async (c) => {
    const actor = requireActor(c);
    const r = await importAgencies(c.get('deps'), actor, await jsonBody(c, agencyImportRequest), ctxOf(c));
    return ok(c, r, { status: r.committed ? 201 : 200 });
  });

  app.get('/api/fire/agencies', async (c) => {
    const actor = requireActor(c);
    const f = scopeFilter(actor, 'fire.read');
    return ok(c, f ? (await listAgencies(c.get('deps').db, f)).map(presentAgency) : []);
  });

  /** The agency's profile: conditions and qualification, credit with history, people, instruments, investigations. */
  app.get('/api/fire/agencies/:id', async (c) => {
    const actor = requireActor(c);
    const deps = c.get('deps');
    const a = await findAgency(deps.db, c.req.param('id'));
    if (!a || !mayReadFire(actor, a.scope)) throw notFound('机构不存在');
    const today = shanghaiDay(deps.now());
    return ok(c, {
      ...presentAgency(a),
      people: (await agencyPeople(deps.db, a._id)).map(presentPerson),
      instruments: (await agencyInstruments(deps.db, a._id)).map((i) => presentInstrument(i, today)),
      cases: (await listCases(deps.db, { agencyId: a._id })).map(presentCase),
    });
  });

  app.patch('/api/fire/agencies/:id/practice', async (c) => {
    const actor = requireActor(c);
    const a = await changePractice(c.get('deps'), actor, c.req.param('id'), await jsonBody(c, practiceChangeRequest), ctxOf(c));
    touched(c, FIRE_AGENCIES, a._id);
    return ok(c, presentAgency(a));
  });

  app.post('/api/fire/agencies/:id/people', async (c) => {
    const actor = requireActor(c);
    const id = c.req.param('id');
    const p = await registerPerson(c.get('deps'), actor, id, await jsonBody(c, personRequest), ctxOf(c));
    touched(c, FIRE_AGENCIES, id);
    return ok(c, presentPerson(p), { status: 201 });
  });

  app.post('/api/fire/people/:id/leave', async (c) => {
    const actor = requireActor(c);
    const p = await leaveAgency(c.get('deps'), actor, c.req.param('id'), ctxOf(c));
    touched(c, FIRE_PEOPLE, p._id);
    const agencyId = (p.history.at(-1)?.data as { agencyId?: string } | undefined)?.agencyId;
    if (agencyId) touched(c, FIRE_AGENCIES, agencyId);
    return ok(c, presentPerson(p));
  });

  app.post('/api/fire/agencies/:id/instruments', async (c) => {
    const actor = requireActor(c);
    const deps = c.get('deps');
    const i = await registerInstrument(deps, actor, c.req.param('id'), await jsonBody(c, instrumentRequest), ctxOf(c));
    return ok(c, presentInstrument(i, shanghaiDay(deps.now()), signCodeUrl(deps.config.codeSecret, deps.config.codeBaseUrl, i._id)), { status: 201 });
  });

  /** 仪器批量导入 for one agency: dry run or commit (all rows or none). */
  app.post('/api/fire/agencies/:id/instruments/import', async (c) => {
    const actor = requireActor(c);
    const r = await importInstruments(c.get('deps'), actor, c.req.param('id'), await jsonBody(c, instrumentImportRequest), ctxOf(c));
    return ok(c, r, { status: r.committed ? 201 : 200 });
  });

  /** The instrument's printable label: a signed QR of its id with type, serial and calibration (PDF). */
  app.get('/api/fire/instruments/:id/label', async (c) => {
    const actor = requireActor(c);
    const deps = c.get('deps');
    const i = await findInstrument(deps.db, c.req.param('id'));
    if (!i) throw notFound('仪器不存在');
    requireFire(actor, ['fire.staff', 'fire.registry'], i.scope, '仪器不存在');
    const { renderInstrumentLabel } = await import('./instrument-label.pdf');
    const pdf = await renderInstrumentLabel(i, signCodeUrl(deps.config.codeSecret, deps.config.codeBaseUrl, i._id));
    return c.body(new Uint8Array(pdf), 200, { 'content-type': 'application/pdf', 'content-disposition': `inline; filename="instrument-${i._id}.pdf"` });
  });
}
