/**
 * The local gateway's static files: a malformed path is a 400, not an unhandled rejection that ends the process
 * (`GET /%` used to take the whole local system down). The gateway keeps serving afterwards.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { startGateway } from '../../dev/gateway/gateway-server';

const h5Dir = mkdtempSync(path.join(tmpdir(), 'cityloop-h5-'));
writeFileSync(path.join(h5Dir, 'index.html'), '<!doctype html><title>CityLoop</title>');
mkdirSync(path.join(h5Dir, 'js'));
writeFileSync(path.join(h5Dir, 'js', 'app.373aed2d.js'), 'console.log(1)');
const never = async () => {
  throw new Error('no function call expected');
};
let gw: Awaited<ReturnType<typeof startGateway>>;
const unhandled: unknown[] = [];
const onUnhandled = (e: unknown) => void unhandled.push(e);

before(async () => {
  process.on('unhandledRejection', onUnhandled);
  gw = await startGateway({ port: 0, api: never, trades: never, ingest: never, h5Dir, blobUpload: never, devPages: {} });
});
after(async () => {
  process.off('unhandledRejection', onUnhandled);
  await gw.close();
});

test('malformed escapes in the path answer 400 and the gateway keeps serving', async () => {
  for (const bad of ['/%', '/%E0%A4%A', '/packages/%zz/index.html']) {
    const r = await fetch(`${gw.url}${bad}`, { signal: AbortSignal.timeout(3000) });
    assert.equal(r.status, 400, bad);
    assert.equal(await r.text(), '地址格式有误');
  }
  const ok = await fetch(`${gw.url}/`);
  assert.equal(ok.status, 200);
  assert.match(await ok.text(), /CityLoop/);
  await new Promise((r) => setTimeout(r, 50));
  assert.deepEqual(unhandled, []);
});

test('content-hashed scripts are kept by the browser; index.html is checked every time', async () => {
  const js = await fetch(`${gw.url}/js/app.373aed2d.js`);
  assert.equal(js.status, 200);
  assert.equal(await js.text(), 'console.log(1)');
  assert.equal(js.headers.get('cache-control'), 'public, max-age=31536000, immutable');
  const html = await fetch(`${gw.url}/`);
  assert.equal(html.headers.get('cache-control'), 'no-cache');
  await html.text();
});
