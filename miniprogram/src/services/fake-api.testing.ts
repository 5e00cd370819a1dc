import { createApi, type Api, type HttpRequest, type HttpResponse } from './api';

/**
 * Test helper: an API client whose transport records every request and answers with `respond`.
 * @example const { calls, api } = recordingApi(() => ({ status: 200, body: { ok: true, data: [] } }));
 */
export function recordingApi(respond: (req: HttpRequest) => HttpResponse): { calls: HttpRequest[]; api: Api } {
  const calls: HttpRequest[] = [];
  const api = createApi({
    baseUrl: '',
    transport: async (req) => {
      calls.push(req);
      return respond(req);
    },
    getToken: () => 'T',
  });
  return { calls, api };
}
