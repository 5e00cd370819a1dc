/**
 * SCF `trades` function: the regulated trades' routes (fire testing, 危大 expert review, ready-mixed concrete) behind
 * their own Function URL. The same app as `api`; the build gives each function only its own route files
 * (scripts/build-functions.ts, platform/http/function-routing.ts).
 */
export { main_handler } from './api';
