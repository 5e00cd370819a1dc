
/** GeoReport v2 serves every resource as `.json` or `.xml`; XML clients (the standard's default) get the same data. */
export type Open311Format = 'json' | 'xml';

/**
 * The element that wraps each item of a list in XML (GeoReport v2 names them: `<services><service>`,
 * `<service_requests><request>`, `<errors><error>`); arrays inside an item repeat their singular element.
 */
const ITEM: Record<string, string> = {
  services: 'service',
  service_requests: 'request',
  errors: 'error',
  attributes: 'attribute',
  values: 'value',
  endpoints: 'endpoint',
  formats: 'format',
  media_urls: 'media_url',
  jurisdictions: 'jurisdiction',
};

type Builder = { build: (o: unknown) => string };
let builder: Builder | null = null;
/** The XML writer, loaded on the first XML answer (JSON clients never pay for it at a cold start). */
async function xmlBuilder(): Promise<Builder> {
  if (!builder) {
    const mod = (await import('fast-xml-parser')) as unknown as { XMLBuilder?: new (o: object) => Builder; default?: { XMLBuilder: new (o: object) => Builder } };
    const XMLBuilder = mod.XMLBuilder ?? mod.default!.XMLBuilder;
    builder = new XMLBuilder({ format: true, indentBy: '  ', suppressEmptyNode: false, processEntities: true });
  }
  return builder;
}

/** Our plain data → the shape XMLBuilder writes: lists become `{item: [...]}`, null an empty element. */
function xmlShape(value: unknown, key: string): unknown {
  if (Array.isArray(value)) return { [ITEM[key] ?? 'item']: value.map((v) => xmlShape(v, ITEM[key] ?? 'item')) };
  if (value === null || value === undefined) return '';
  if (value instanceof Date) return value.toISOString();
  if (typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value as Record<string, unknown>)) out[k] = xmlShape(v, k);
    return out;
  }
  return value;
}

/**
 * One response body in the requested format: `root` names the XML document element (`services`,
 * `service_requests`, `service_definition`, `discovery`, `errors`).
 * @example open311Body('xml', 'errors', [{ code: 404, description: '请求不存在' }]) // '<?xml …?><errors><error><code>404</code>…'
 */
export async function open311Body(format: Open311Format, root: string, data: unknown): Promise<{ body: string; type: string }> {
  if (format === 'json') return { body: JSON.stringify(data), type: 'application/json; charset=utf-8' };
  const xml = (await xmlBuilder()).build({ [root]: xmlShape(data, root) });
  return { body: `<?xml version="1.0" encoding="utf-8"?>\n${xml}`, type: 'text/xml; charset=utf-8' };
}

/** `services.xml` → 'xml'; anything else answers JSON (errors on unknown paths included). */
export const formatOfPath = (path: string): Open311Format => (/\.xml$/i.test(path) ? 'xml' : 'json');
