'use strict';
/**
 * One cold start, as SCF does it: a new Node process loads the function file and answers one event.
 * Usage: node cold-start.cjs <bundle.js> <event.json>
 * Prints `COLD_START {"node_boot_ms","require_ms","first_response_ms","status"}` and exits.
 * Timings use process.hrtime inside this process; node_boot_ms is the time from process start to this line.
 */
const { performance } = require('node:perf_hooks');
const node_boot_ms = performance.now();
const t0 = process.hrtime.bigint();
const fs = require('node:fs');
const [bundle, eventFile] = process.argv.slice(2);
const event = JSON.parse(fs.readFileSync(eventFile, 'utf8'));
const context = {
  request_id: 'bench-cold-start',
  memory_limit_in_mb: 256,
  time_limit_in_ms: 10000,
  function_name: 'api',
  function_version: '$LATEST',
  namespace: 'default',
  tencentcloud_region: 'ap-guangzhou',
  tencentcloud_appid: '1250000000',
  environment: '{}',
};
const t1 = process.hrtime.bigint();
const fn = require(bundle);
const t2 = process.hrtime.bigint();
const ms = (a, b) => Number(b - a) / 1e6;

const report = (out) => process.stdout.write(`COLD_START ${JSON.stringify(out)}\n`, () => process.exit(0));
Promise.resolve()
  .then(() => fn.main_handler(event, context))
  .then(
    (res) => {
      const t3 = process.hrtime.bigint();
      report({
        node_boot_ms,
        setup_ms: ms(t0, t1),
        require_ms: ms(t1, t2),
        first_response_ms: ms(t2, t3),
        status: res && res.statusCode,
        body: String((res && res.body) || '').slice(0, 300),
      });
    },
    (err) => {
      process.stderr.write(`main_handler threw: ${(err && err.stack) || err}\n`);
      process.exit(1);
    },
  );
setTimeout(() => {
  process.stderr.write('no response within 20 s\n');
  process.exit(2);
}, 20000).unref();
