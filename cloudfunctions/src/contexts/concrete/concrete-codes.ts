import { PLANT_STATUS_LABELS, TICKET_STATE_LABELS } from '@cityloop/shared/concrete/concrete.limits';
import type { CodeResolver } from '../../platform/codes/code-resolvers';
import { PLANTS, TICKETS, type Plant, type Ticket } from './concrete.collections';
import { findDoc } from './concrete-docs.repository';

/** A truck's ticket scanned by anyone: plant, grade, volume, state, certificate — no people. */
export const resolveTicketCode: CodeResolver = async (db, id) => {
  const t = await findDoc<Ticket>(db, TICKETS, id);
  if (!t) return null;
  const plant = await findDoc<Plant>(db, PLANTS, t.plantId);
  return { kind: 'concrete_ticket', id: t._id, title: `${t.plantName} ${t.grade} ${t.volumeM3} m³`, subtitle: `电子运输单 · ${TICKET_STATE_LABELS[t.state]}`, page: '/packages/concrete/pages/ticket/index', data: { plant: t.plantName, plantStatus: plant ? PLANT_STATUS_LABELS[plant.status] : '未登记', grade: t.grade, volumeM3: t.volumeM3, member: t.member, departAt: t.departAt.toISOString(), state: t.state, certificateBlocked: t.certificate.blocked } };
};

/** A plant's code (on its gate, its tickets): its qualification and credit. */
export const resolvePlantCode: CodeResolver = async (db, id) => {
  const p = await findDoc<Plant>(db, PLANTS, id);
  if (!p) return null;
  return { kind: 'concrete_plant', id: p._id, title: p.name, subtitle: `预拌混凝土搅拌站 · ${PLANT_STATUS_LABELS[p.status]} · 信用分 ${p.credit.score}`, page: '/packages/concrete/pages/plant/index', data: { status: p.status, credit: p.credit.score, address: p.address } };
};
