import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { listenLoopback, readBody, sendJson } from '../standin-http';
import type { StandinLog } from '../standin-log';
import { createSendSms, type SmsTemplateSpec } from './sms-send.handler';
import { verifyTc3 } from './tc3-signature';
import { compareFace, detectLiveFaceAccurate } from './iai-face.handler';

export type TencentApiStandinOptions = {
  /** SecretId → SecretKey */
  keys: Record<string, string>;
  now: () => number;
  log: StandinLog;
  sms: { sdkAppIds: string[]; signNames: string[]; templates: SmsTemplateSpec[] };
  port?: number;
};

type Action = { version: string; service: 'sms' | 'iai'; run: (params: Record<string, unknown>) => Record<string, unknown> };
/** Regions both SMS and IAI serve (the ones the code uses). */
const REGIONS = new Set(['ap-guangzhou', 'ap-beijing', 'ap-nanjing', 'ap-shanghai']);

/**
 * The Tencent Cloud API 3.0 endpoints (sms.tencentcloudapi.com; iai.tencentcloudapi.com for face comparison) on a loopback port. Every answer is
 * HTTP 200 with `{Response: {..., RequestId}}`; errors carry `Response.Error.{Code, Message}`.
 */
export async function startTencentApiStandin(opts: TencentApiStandinOptions) {
  const actions: Record<string, Action> = {
    SendSms: {
      version: '2021-01-11',
      service: 'sms',
      run: createSendSms({
        sdkAppIds: new Set(opts.sms.sdkAppIds),
        signNames: new Set(opts.sms.signNames),
        templates: new Map(opts.sms.templates.map((t) => [t.id, t])),
        now: opts.now,
        log: opts.log,
      }),
    },
    // face comparison for field check-ins (iai-face.handler.ts says how test images match)
    CompareFace: { version: '2020-03-03', service: 'iai', run: compareFace },
    DetectLiveFaceAccurate: { version: '2020-03-03', service: 'iai', run: detectLiveFaceAccurate },
  };

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const body = await readBody(req, 10 * 1024 * 1024);
    const action = String(req.headers['x-tc-action'] ?? '');
    const reply = (response: Record<string, unknown>) => sendJson(res, 200, { Response: { ...response, RequestId: randomUUID() } });
    const reject = (code: string, message: string, payload: unknown = actions[action]?.service === 'iai' ? { action } : body.toString('utf8')) => {
      opts.log.record({ service: actions[action]?.service ?? 'sms', kind: action || 'unknown', ok: false, payload, error: `${code} ${message}` });
      return reply({ Error: { Code: code, Message: message } });
    };

    if (req.method !== 'POST' || url.pathname !== '/') return reject('InvalidParameter', 'This stand-in accepts only POST / with a JSON body.');
    const auth = verifyTc3(
      { method: req.method, path: url.pathname, query: url.search.slice(1), headers: req.headers, body },
      (id) => opts.keys[id],
      Math.floor(opts.now() / 1000),
    );
    if (!auth.ok) return reject(auth.code, auth.message);

    if (!action) return reject('MissingParameter', 'The request is missing a required parameter `Action`.');
    const handler = actions[action];
    if (!handler) return reject('InvalidAction', `The action \`${action}\` is invalid.`);
    const version = String(req.headers['x-tc-version'] ?? '');
    if (version !== handler.version) return reject('NoSuchVersion', `The API version \`${version}\` of action \`${action}\` does not exist.`);
    const region = req.headers['x-tc-region'];
    if (!region) return reject('MissingParameter', 'The request is missing a required parameter `Region`.');
    if (!REGIONS.has(String(region))) return reject('UnsupportedRegion', `The region \`${region}\` is not supported.`);

    let params: unknown;
    try {
      params = JSON.parse(body.toString('utf8'));
    } catch {
      return reject('InvalidParameter', 'The request body is not valid JSON.');
    }
    if (typeof params !== 'object' || params === null || Array.isArray(params)) return reject('InvalidParameter', 'The request body must be a JSON object.');
    const result = handler.run(params as Record<string, unknown>);
    const error = result.Error as { Code: string; Message: string } | undefined;
    if (error) return reject(error.Code, error.Message, handler.service === 'iai' ? { action } : params);
    // SendSms logs each number itself; the face actions log here (never the images)
    if (handler.service === 'iai') opts.log.record({ service: 'iai', kind: action, ok: true, payload: result });
    return reply(result);
  }

  return listenLoopback(handle, opts.port);
}
