import { test } from 'node:test';
import assert from 'node:assert/strict';
import { XMLParser } from 'fast-xml-parser';
import { formatOfPath, open311Body } from '../../src/contexts/open311/open311-format';

const parse = (xml: string) => new XMLParser({ isArray: (name) => ['service', 'request', 'error', 'media_url'].includes(name) }).parse(xml);

test('XML wraps each list item in the element GeoReport v2 names, nulls as empty elements, text escaped', async () => {
  const { body, type } = await open311Body('xml', 'service_requests', [
    { service_request_id: 'cs_1', description: '井盖 <缺失> & 破损', lat: null, extended_attributes: { media_urls: ['https://a/1.jpg', 'https://a/2.jpg'] } },
  ]);
  assert.match(type, /^text\/xml/);
  assert.match(body, /^<\?xml version="1.0" encoding="utf-8"\?>/);
  assert.ok(body.includes('&lt;缺失&gt; &amp; 破损'), body);
  const doc = parse(body);
  assert.equal(doc.service_requests.request[0].service_request_id, 'cs_1');
  assert.equal(doc.service_requests.request[0].lat, '');
  assert.deepEqual(doc.service_requests.request[0].extended_attributes.media_urls.media_url, ['https://a/1.jpg', 'https://a/2.jpg']);
});

test('errors and JSON', async () => {
  const xml = parse((await open311Body('xml', 'errors', [{ code: 404, description: '请求不存在' }])).body);
  assert.deepEqual(xml.errors.error, [{ code: 404, description: '请求不存在' }]);
  assert.deepEqual(JSON.parse((await open311Body('json', 'errors', [{ code: 400, description: 'x' }])).body), [{ code: 400, description: 'x' }]);
  assert.equal(formatOfPath('/api/open311/v2/services.xml'), 'xml');
  assert.equal(formatOfPath('/api/open311/v2/services.json'), 'json');
});
