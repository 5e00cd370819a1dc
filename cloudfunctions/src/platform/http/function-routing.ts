/**
 * Which HTTP function serves a path. The regulated trades' systems (fire-testing agencies, 危大 expert review,
 * ready-mixed concrete) are their own workload — agencies, experts, plants and labs, not citizens and city staff —
 * and their own function (`trades`), so neither function file outgrows what a cold start should read (≤ 1 MB,
 * docs/ARCHITECTURE.md §1). The build gives `trades` the route files of TRADES_CONTEXTS and `api` the rest; the
 * front door (and the local gateway) sends each path to its function by `httpFunctionFor`, and
 * cloudfunctions/test/deploy/function-routing.test.ts checks that every route a context registers lands there.
 * The regulators' statistics (`statistics`: case metrics with their trend and xlsx export, shops by grade) are
 * read-only reports beside them: in `api` they would push that file over its budget.
 */
export const TRADES_CONTEXTS: readonly string[] = ['firetest', 'schemereview', 'concrete', 'statistics'];

const TRADES_PATH = /^\/api\/(fire|concrete|reviews|experts|dw-projects|dw-schemes|review-stats|pit-alarms|cases-metrics|shop-grades|pit-alarm-stats)(\/|$)/;

export type HttpFunction = 'api' | 'ingest' | 'trades';

export function httpFunctionFor(pathname: string): HttpFunction {
  if (pathname.startsWith('/api/ingest/')) return 'ingest';
  return TRADES_PATH.test(pathname) ? 'trades' : 'api';
}
