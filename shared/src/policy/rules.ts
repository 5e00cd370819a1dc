import type { Role } from '../identity/roles';
import { adminCity, createdBySelf, inGrid, inTown, invitedExpert, inOrg, isPublic, onProject, orgInCity, personInAdminCity, personInRegulatorArea, regulatorArea, sharesProjectWithPerson, townQueue, type Predicate } from './predicates';

/** `citizen` = any signed-in user; `anyone` = also anonymous (only with public predicates). */
export type Who = Role | 'citizen' | 'anyone';
export type Rule = { action: string; who: Who; where: Predicate };

const allow = (actions: string[], who: Who[], where: Predicate): Rule[] =>
  actions.flatMap((action) => who.map((w) => ({ action, who: w, where })));

/**
 * Every permission in the product, as data. Later contexts append their rules here
 * (one block per resource kind); handlers never test roles inline.
 */
export const RULES: Rule[] = [
  // Citizen reports and cases (city service codes, complaints)
  // (actions = shared/city/case.machine.ts; the table also checks who may take each step)
  ...allow(['case.read', 'case.rate', 'case.dispute', 'case.supplement', 'case.withdraw'], ['citizen'], createdBySelf),
  // The reporter's own evidence (photos, the exact position): the reporter and the staff who handle the case;
  // followers and the public never (they read the case without it)
  ...allow(['case.read_evidence'], ['citizen'], createdBySelf),
  ...allow(['case.read_evidence'], ['regulator'], regulatorArea),
  ...allow(['case.read_evidence'], ['areaChief', 'patroller'], inGrid),
  ...allow(['case.read_evidence'], ['unit'], inOrg),
  ...allow(['case.read_evidence'], ['admin'], adminCity),
  ...allow(['case.read', 'case.approve_extension', 'case.deny_extension', 'case.park', 'case.defer', 'case.metrics', 'case.supervise'], ['regulator'], regulatorArea),
  ...allow(['case.read', 'case.accept', 'case.reject', 'case.dispatch', 'case.verify', 'case.approve_extension', 'case.deny_extension', 'case.park', 'case.defer', 'case.remind', 'case.metrics', 'patrol.manage'], ['areaChief'], inGrid),
  ...allow(['case.read', 'case.verify', 'patrol.check'], ['patroller'], inGrid),
  // The area chief's own tools: bring third-party patrollers into their grids (an expiring invitation), check in on a
  // visit (a D-grade shop), watch the grid's live plaque complaints before they escalate
  ...allow(['patrol.invite', 'patrol.check', 'complaint.watch'], ['areaChief'], inGrid),
  // A city's data: patrol defaults and the plaque score rules, edited by the city's admin
  ...allow(['patrol.defaults', 'plaque.score_rules'], ['admin'], adminCity),
  ...allow(['case.read', 'case.start', 'case.return', 'case.extend', 'case.report'], ['unit'], inOrg),
  // The names behind the ids on a unit's or patroller's own cases (grids, units of their town): the town's directory
  ...allow(['directory.read'], ['unit', 'patroller'], inTown),
  ...allow(['case.read', 'case.metrics', 'facility.import'], ['admin'], adminCity),
  // Construction projects (pits, hazardous works, fire tests, concrete)
  ...allow(['project.read', 'project.act'], ['owner', 'contractor', 'supervisor', 'monitor', 'designer'], onProject),
  ...allow(['project.read', 'project.comment', 'project.require_action', 'project.escalate'], ['regulator'], regulatorArea),
  // Deep foundation pits: parties act on their own projects only; regulators supervise their area
  ...allow(['pit.read', 'alarm.read', 'alarm.raise_danger'], ['owner', 'contractor', 'supervisor', 'monitor', 'designer'], onProject),
  ...allow(['pit.upload'], ['monitor'], onProject),
  ...allow(['pit.edit_control'], ['designer'], onProject),
  ...allow(['alarm.handle'], ['supervisor'], onProject),
  ...allow(['alarm.archive', 'alarm.return'], ['owner'], onProject),
  ...allow(['pit.read', 'alarm.read', 'alarm.comment', 'alarm.require_action', 'alarm.escalate', 'alarm.reopen'], ['regulator'], regulatorArea),
  ...allow(['pit.read', 'alarm.read', 'pit.manage'], ['admin'], adminCity),
  // The daily report (GB 50497 forms): for the owner, the monitoring unit that signs it, and the regulators
  ...allow(['pit.daily_report'], ['owner', 'monitor'], onProject),
  ...allow(['pit.daily_report'], ['regulator'], regulatorArea),
  ...allow(['pit.daily_report'], ['admin'], adminCity),
  // Onboarding and lifecycle (shared/pit/domain/project.machine.ts): a monitoring unit registers a pit in its city
  // (the project then names its organisation), a regulator in their area; the project's monitoring unit and the
  // regulators keep its setup (info, parties, points, plan, devices); the regulator approves the start, pauses and
  // closes it (pausing stops the 缺测 check); resuming only restores oversight, so the monitoring unit may resume too
  ...allow(['pit.create'], ['monitor'], orgInCity),
  ...allow(['pit.create', 'pit.setup', 'pit.device', 'pit.activate', 'pit.pause', 'pit.resume', 'pit.close'], ['regulator'], regulatorArea),
  ...allow(['pit.setup', 'pit.device', 'pit.resume'], ['monitor'], onProject),
  // Voiding an upload whose data are wrong (kept as evidence, used for nothing): the regulators' decision
  ...allow(['pit.void_upload'], ['regulator'], regulatorArea),
  // Shops with a 责任牌: registering them (CSV import, or one by form) and printing their plaques and binding kits
  ...allow(['shop.import', 'shop.register', 'shop.print'], ['regulator'], regulatorArea),
  ...allow(['shop.import', 'shop.register', 'shop.print'], ['areaChief'], inGrid),
  ...allow(['shop.import', 'shop.register', 'shop.print'], ['admin'], adminCity),
  // A shop's appeals against counted complaints: the area chief decides them (case.accept), regulators oversee
  ...allow(['appeal.read'], ['areaChief'], inGrid),
  ...allow(['appeal.read'], ['regulator'], regulatorArea),
  // The shops-and-grades overview (issue 17: regulators): counts by grade and town, the worst shops first
  ...allow(['shop.overview'], ['regulator'], regulatorArea),
  ...allow(['shop.overview'], ['admin'], adminCity),
  // The pit alarm statistics over a period (issue 17: regulators): their area's projects and alarms
  ...allow(['pit.stats'], ['regulator'], regulatorArea),
  ...allow(['pit.stats'], ['admin'], adminCity),
  // Public information
  ...allow(['facility.read', 'plaque.read'], ['anyone'], isPublic),
  // Notices, delivery log, audit log
  ...allow(['notice.send', 'delivery.read', 'audit.read'], ['regulator'], regulatorArea),
  ...allow(['notice.send', 'delivery.read', 'audit.read', 'invitation.issue'], ['admin'], adminCity),
  // A person's whole phone number (lists show it masked; each reveal is audited): the admin of a city the person
  // works in, a regulator whose area covers one of their bindings, a party sharing a project with them
  ...allow(['person.phone.read'], ['admin'], personInAdminCity),
  ...allow(['person.phone.read'], ['regulator'], personInRegulatorArea),
  ...allow(['person.phone.read'], ['owner', 'contractor', 'supervisor', 'monitor', 'designer'], sharesProjectWithPerson),
  // Towns act (issue 12 §3): reports outside every grid wait in the town queue; the town's regulator accepts or
  // rejects them, dispatches them, or hands them to one of the town's grids (then its area chief owns them)
  ...allow(['case.accept', 'case.reject', 'case.dispatch', 'case.assign_grid'], ['regulator'], townQueue),
  // The city as data: the class table with its SLA and the working calendar, each city's admin for their city
  ...allow(['class.manage', 'calendar.manage'], ['admin'], adminCity),
  // The city as data (docs/domain/city.md): each city's admin keeps its grids (GeoJSON import, rename, retire), its
  // units and their class → unit routing rows; the grid's 片长 is assigned by the town's regulator or the admin;
  // facilities are edited and retired by the admin and the regulators of their area. Reading a list of these is
  // the same permission as changing it.
  ...allow(['region.manage', 'unit.manage'], ['admin'], adminCity),
  ...allow(['grid.assign_chief', 'facility.edit', 'facility.retire'], ['admin'], adminCity),
  ...allow(['grid.assign_chief', 'facility.edit', 'facility.retire'], ['regulator'], regulatorArea),
  // Field check-ins (face + GPS): a site's parties read its list through the site's own resolver; the regulators
  // of the site's area read every site's list (and its photos)
  ...allow(['checkin.read'], ['regulator'], regulatorArea),
  ...allow(['checkin.read'], ['admin'], adminCity),
  // Ready-mixed concrete (docs/domain/concrete.md §5): regulators register plants, labs and projects, keep plant
  // qualification and handle divergence and in-situ cases; a plant keeps its suppliers, lots, mixes and batching
  // devices and issues tickets; the project's contractor and supervisor accept tickets (and report concrete without
  // one), the contractor registers pours, the supervisor's witness samples; only the owner commissions the lab
  // (57号令 art. 21); the lab receives specimens, registers its press and records in-situ results
  ...allow(['concrete.read', 'concrete.manage', 'concrete.device', 'concrete.analysis', 'concrete.case'], ['regulator'], regulatorArea),
  ...allow(['concrete.read', 'concrete.manage', 'concrete.analysis'], ['admin'], adminCity),
  ...allow(['concrete.read', 'concrete.produce', 'concrete.device'], ['plant'], inOrg),
  ...allow(['concrete.read', 'concrete.receive', 'concrete.device', 'concrete.insitu_record'], ['lab'], inOrg),
  ...allow(['concrete.read'], ['owner', 'contractor', 'supervisor'], onProject),
  ...allow(['concrete.accept', 'concrete.report_unticketed'], ['contractor', 'supervisor'], onProject),
  ...allow(['concrete.pour'], ['contractor'], onProject),
  ...allow(['concrete.sample'], ['supervisor'], onProject),
  ...allow(['concrete.commission', 'concrete.insitu_commission'], ['owner'], onProject),
  // Fire-protection testing (docs/domain/fire-testing.md): the regulator keeps the registry of agencies, supervises
  // every project, report and event of their area, records 消防验收 results and decides investigations; an agency's
  // staff keep its people and instruments and run its projects, and answer its handling notices
  ...allow(['fire.read', 'fire.registry', 'fire.supervise', 'fire.acceptance'], ['regulator'], regulatorArea),
  ...allow(['fire.read', 'fire.staff', 'fire.work', 'fire.reply'], ['agency'], inOrg),
  // 危大工程 and the expert review (docs/domain/dangerous-works.md): the contractor registers the sub-items, uploads
  // and signs the schemes, applies for reviews and informs the experts of a revision; the 总监 reviews the scheme;
  // regulators draw, archive, read the whole trail, consult experts on an alarm and keep the city's expert library;
  // an invited expert answers, signs in, gives an opinion and the report
  ...allow(['dw.read'], ['owner', 'contractor', 'supervisor', 'monitor', 'designer'], onProject),
  ...allow(['dw.register', 'scheme.upload', 'scheme.sign', 'review.apply', 'review.inform'], ['contractor'], onProject),
  ...allow(['scheme.approve'], ['supervisor'], onProject),
  ...allow(['dw.read', 'review.trail', 'review.draw', 'review.archive', 'review.consult', 'review.stats', 'expert.manage'], ['regulator'], regulatorArea),
  ...allow(['review.expert'], ['citizen'], invitedExpert),
];
