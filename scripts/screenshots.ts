/**
 * `npm run screenshots`: every page of the H5 app for every demo persona, at 390×844 (add `--large` for the
 * large-text mode too), as PNGs in `screenshots/<persona>/` (ignored by git), with `screenshots/report.txt`:
 * per page, what the text checks found (a time, code or quantity broken over two lines, text cut off, a raw
 * id, English, doubled punctuation) and the page-load time. Uses the E2E helpers and a fresh local system.
 *
 *   npm run screenshots                       # all personas
 *   npm run screenshots -- citizen pit-owner  # only these personas
 *   npm run screenshots -- --large            # and again in large-text mode
 *   npm run screenshots -- --no-build         # with the bundles and H5 build already there
 */
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { repoRoot } from '../cloudfunctions/dev/paths';
import { demoPersonas, type DemoPersona } from '../cloudfunctions/dev/seed/persona-list';
import { buildFunctions } from './build-functions';
import { ensureH5Build } from './h5-build';
import { startE2eSystem, type E2eSystem } from '../e2e/helpers/system';
import { launchBrowser, settle } from '../e2e/helpers/browser';
import { closedCase, DEMO_WELL, personaPhone } from '../e2e/helpers/personas';
import { textProblems, type TextProblem } from '../e2e/helpers/text-checks';

const OUT = path.join(repoRoot, 'screenshots');
const args = process.argv.slice(2);
const withLarge = args.includes('--large');
const only = args.filter((a) => !a.startsWith('--'));

type Shot = { name: string; route: string };
type Ids = Awaited<ReturnType<typeof lookUp>>;

/** Ids the pages need, looked up once as each kind of person would find them (first of each list). */
async function lookUp(sys: E2eSystem) {
  const first = <T>(xs: T[] | undefined | null): T | undefined => (Array.isArray(xs) ? xs[0] : undefined);
  const reg = await sys.login('nancheng-regulator');
  const projects = (await sys.api('GET', '/api/pit/projects', { token: reg.token })).json.data as { id: string }[];
  const projectId = first(projects)?.id ?? '';
  const alarms = (await sys.api('GET', `/api/pit/alarms?projectId=${projectId}&status=all`, { token: reg.token })).json.data as { id: string }[];
  const point = await sys.db.collection<{ code: string }>('pit_points').findOne({ projectId });
  const staffCases = (await sys.api('GET', '/api/cases?state=all', { token: (await sys.login('chief-nancheng')).token })).json.data as { id: string }[];
  const shop = await sys.db.collection<{ _id: string }>('shops').findOne({});
  const complaint = await sys.db.collection<{ _id: string }>('plaque_complaints').findOne({});
  const fireProject = await sys.db.collection<{ _id: string; agencyId: string }>('fire_projects').findOne({}, { sort: { _id: 1 } });
  const fireEvent = await sys.db.collection<{ _id: string }>('fire_events').findOne({}, { sort: { _id: 1 } });
  return {
    projectId, alarmId: first(alarms)?.id ?? '', pointCode: point?.code ?? '', staffCaseId: first(staffCases)?.id ?? '', shopId: shop?._id ?? '', complaintId: complaint?._id ?? '',
    fireProjectId: fireProject?._id ?? '', fireAgencyId: fireProject?.agencyId ?? '', fireEventId: fireEvent?._id ?? '',
  };
}

/** Pages by path under /packages/, named by their last two folders (e.g. `concrete-hub`). */
const pages = (...paths: string[]): Shot[] => paths.map((p) => ({ name: p.replace('/pages/', '-'), route: `/packages/${p}/index` }));
/** The three trade domains' list pages as each kind of person reaches them (no record id needed). */
const TRADES_REGULATOR = pages('fire/pages/import', 'chief/pages/shops', 'chief/pages/pit-stats', 'fire/pages/events', 'fire/pages/registry', 'review/pages/reviews', 'review/pages/stats', 'review/pages/experts', 'review/pages/library', 'review/pages/library-import', 'concrete/pages/hub', 'concrete/pages/regulator', 'concrete/pages/analysis', 'concrete/pages/trace');
const TRADES_PARTY = pages('review/pages/projects', 'review/pages/reviews', 'concrete/pages/hub');

const COMMON: Shot[] = [
  { name: 'home', route: '/pages/index/index' },
  { name: 'inbox', route: '/pages/inbox/index' },
  { name: 'profile', route: '/pages/profile/index' },
  { name: 'scan', route: '/pages/scan/index' },
];

/** The pages a persona works with (its role's pages and the common ones). */
async function pagesFor(sys: E2eSystem, p: DemoPersona, ids: Ids, token: string): Promise<Shot[]> {
  const pit: Shot[] = [
    { name: 'pit-projects', route: '/packages/pit/pages/projects/index' },
    { name: 'pit-project', route: `/packages/pit/pages/project/index?id=${ids.projectId}` },
    { name: 'pit-alarms', route: `/packages/pit/pages/alarms/index?projectId=${ids.projectId}` },
    { name: 'pit-alarm', route: `/packages/pit/pages/alarm/index?id=${ids.alarmId}` },
    { name: 'pit-point', route: `/packages/pit/pages/point/index?projectId=${ids.projectId}&code=${ids.pointCode}` },
    { name: 'pit-uploads', route: `/packages/pit/pages/uploads/index?projectId=${ids.projectId}` },
  ];
  const staffCase: Shot = { name: 'case', route: `/packages/chief/pages/case/index?id=${ids.staffCaseId}` };
  const queue: Shot = { name: 'queue', route: '/packages/chief/pages/queue/index' };
  switch (p.role) {
    case 'citizen': {
      const mine = (await sys.api('GET', '/api/cases/mine', { token })).json.data as { id: string }[] | undefined;
      // a review-library expert holds no role binding: a citizen to the role list, with the invitations page
      const expert = !!((await sys.api('GET', '/api/experts/me', { token })).json.data as { expert: unknown } | undefined)?.expert;
      return [
        ...COMMON,
        ...(expert ? pages('review/pages/invitations') : []),
        { name: 'my-cases', route: '/packages/citizen/pages/cases/index' },
        { name: 'facility', route: sys.codeUrl(DEMO_WELL.id) },
        { name: 'report', route: `/packages/citizen/pages/report/index?facilityId=${DEMO_WELL.id}` },
        ...(mine?.[0] ? [{ name: 'case', route: `/packages/citizen/pages/case/index?id=${mine[0].id}` }] : []),
        ...(ids.shopId ? [{ name: 'plaque', route: `/packages/plaque/pages/view/index?id=${ids.shopId}` }, { name: 'plaque-complain', route: `/packages/plaque/pages/complain/index?id=${ids.shopId}` }] : []),
      ];
    }
    case 'patroller':
      return [...COMMON, { name: 'patrol-today', route: '/packages/patrol/pages/today/index' }, { name: 'patrol-scan', route: `/packages/patrol/pages/scan/index?facilityId=${DEMO_WELL.id}` }, queue, staffCase];
    case 'areaChief':
      return [
        ...COMMON,
        queue,
        staffCase,
        ...['rules', 'coverage', 'metrics', 'appeals', 'shop-new', 'invite'].map((n) => ({ name: n, route: `/packages/chief/pages/${n}/index` })),
      ];
    case 'unit':
      return [...COMMON, queue, staffCase];
    case 'regulator':
      return [...COMMON, queue, staffCase, { name: 'metrics', route: '/packages/chief/pages/metrics/index' }, ...pit, ...['grids', 'units', 'facilities'].map((n) => ({ name: `admin-${n}`, route: `/packages/admin/pages/${n}/index` })), ...TRADES_REGULATOR,
        ...(ids.fireEventId ? [{ name: 'fire-event', route: `/packages/fire/pages/event/index?id=${ids.fireEventId}` }, { name: 'fire-project', route: `/packages/fire/pages/project/index?id=${ids.fireProjectId}` }] : [])];
    case 'admin':
      return [...COMMON, { name: 'metrics', route: '/packages/chief/pages/metrics/index' }, ...['classes', 'calendar', 'grids', 'units', 'facilities'].map((n) => ({ name: `admin-${n}`, route: `/packages/admin/pages/${n}/index` }))];
    case 'shopOwner': {
      const mine = await sys.db.collection<{ _id: string; shopId?: string }>('plaque_complaints').findOne({});
      return [...COMMON, { name: 'shop', route: '/packages/shop/pages/mine/index' }, ...(mine ? [{ name: 'shop-complaint', route: `/packages/shop/pages/complaint/index?id=${mine._id}` }] : [])];
    }
    case 'enforcementOfficer':
      return [...COMMON, queue];
    case 'plant':
    case 'lab':
      return [...COMMON, ...pages('concrete/pages/hub', `concrete/pages/${p.role}`)];
    case 'agency': {
      const own = ((await sys.api('GET', '/api/fire/projects', { token })).json.data as { id: string; agencyId: string }[] | undefined)?.[0];
      const fire = own ? { ...ids, fireProjectId: own.id, fireAgencyId: own.agencyId } : ids;
      return [
        ...COMMON,
        ...pages('fire/pages/projects', 'fire/pages/registry', 'fire/pages/plan'),
        { name: 'fire-project', route: `/packages/fire/pages/project/index?id=${fire.fireProjectId}` },
        { name: 'fire-agency', route: `/packages/fire/pages/agency/index?id=${fire.fireAgencyId}` },
        { name: 'fire-import', route: `/packages/fire/pages/import/index?agencyId=${fire.fireAgencyId}` },
      ];
    }
    default:
      // the pit parties
      return [
        ...COMMON,
        ...pit,
        ...(p.role === 'monitor' ? [{ name: 'pit-upload', route: `/packages/pit/pages/upload/index?projectId=${ids.projectId}` }] : []),
        { name: 'pit-danger', route: `/packages/pit/pages/danger/index?projectId=${ids.projectId}` },
        ...TRADES_PARTY,
      ];
  }
}

/** Until the page shown last has its content (no 正在加载…), at most 8 s; the time it took. */
async function openAndWait(page: Page, baseUrl: string, route: string): Promise<number> {
  const url = route.startsWith('http') ? route : `${baseUrl}/#${route}`;
  const t0 = Date.now();
  await page.goto('about:blank');
  await page.goto(url, { waitUntil: 'domcontentloaded' });
  await page
    .waitForFunction(
      `(() => { const s = Array.from(document.querySelectorAll('.taro_page.taro_page_show')).filter((p) => p.getBoundingClientRect().width > 0); const p = s[s.length - 1] && s[s.length - 1].querySelector('.cl-page'); const t = p ? p.innerText || '' : ''; return !!t.trim() && !/正在加载|加载中/.test(t); })()`,
      undefined,
      { timeout: 8_000, polling: 50 },
    )
    .catch(() => undefined);
  const ms = Date.now() - t0;
  await settle(page);
  return ms;
}

async function main() {
  if (!args.includes('--no-build')) {
    console.log('Preparing: function bundles, H5 build…');
    await buildFunctions();
    ensureH5Build();
  }
  const sys = await startE2eSystem('screenshots');
  const browser = await launchBrowser();
  const lines: string[] = ['# Screenshots: every page for every demo persona (390×844)', ''];
  let problemsTotal = 0;
  try {
    await closedCase(sys, 'citizen'); // the citizen has a case to rate, and messages
    const ids = await lookUp(sys);
    const personas = (await demoPersonas(sys.db)).filter((p) => !only.length || only.includes(p.key));
    rmSync(OUT, { recursive: true, force: true });
    for (const large of withLarge ? [false, true] : [false]) {
      for (const p of personas) {
        const phone = await personaPhone(browser, sys, p.key, { large });
        const dir = path.join(OUT, large ? `${p.key}-large` : p.key);
        mkdirSync(dir, { recursive: true });
        lines.push(`## ${p.name}（${p.roleLabel}${p.where ? ` · ${p.where}` : ''}）${large ? ' — 大字模式' : ''}`, '');
        const shots = await pagesFor(sys, p, ids, phone.token);
        for (const [i, s] of shots.entries()) {
          const ms = await openAndWait(phone.page, sys.url, s.route);
          const file = path.join(dir, `${String(i + 1).padStart(2, '0')}-${s.name}.png`);
          await phone.page.screenshot({ path: file });
          const found: TextProblem[] = await textProblems(phone.page).catch((e) => [{ kind: 'broken', text: `check failed: ${(e as Error).message}` }]);
          problemsTotal += found.length;
          lines.push(`- ${path.relative(OUT, file)} (${ms} ms)${found.length ? '' : ' ✓'}`, ...found.map((f) => `  - ${f.kind}: ${f.text}`));
        }
        const errors = phone.errors.filter((e) => e.startsWith('pageerror'));
        if (errors.length) lines.push(...errors.map((e) => `  - ${e}`));
        lines.push('');
        await phone.context.close();
        console.log(`${p.key}${large ? ' (large)' : ''}: ${shots.length} pages`);
      }
    }
  } finally {
    mkdirSync(OUT, { recursive: true });
    writeFileSync(path.join(OUT, 'report.txt'), `${lines.join('\n')}\n`);
    await browser.close();
    await sys.stop();
  }
  console.log(`Screenshots in ${path.relative(repoRoot, OUT)}/ — ${problemsTotal} text problem(s), see screenshots/report.txt`);
}

await main();
