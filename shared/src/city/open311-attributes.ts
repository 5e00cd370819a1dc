import type { Open311Issue } from './open311.parse';

/**
 * An extra question a service asks (GeoReport v2 service definition `attributes`): the class table of a city
 * may give some classes attributes (a manhole cover's condition, a car's plate); `services` then says
 * `metadata: true` and clients fetch `services/{code}` before filing.
 */
export type ServiceAttribute = {
  code: string;
  /** what the client shows */
  description: string;
  datatype: 'string' | 'number' | 'datetime' | 'text' | 'singlevaluelist' | 'multivaluelist';
  required: boolean;
  /** for the list types: `key` is what is sent, `name` what is shown */
  values?: readonly { key: string; name: string }[];
  order: number;
};

/** A service definition as GeoReport v2 serves it. */
export type Open311ServiceDefinition = {
  service_code: string;
  attributes: {
    variable: true;
    code: string;
    datatype: ServiceAttribute['datatype'];
    required: boolean;
    datatype_description: string | null;
    order: number;
    description: string;
    values: { key: string; name: string }[];
  }[];
};

/** @example toServiceDefinition('C0101', [coverCondition]).attributes[0].code // 'cover_condition' */
export const toServiceDefinition = (serviceCode: string, attrs: readonly ServiceAttribute[]): Open311ServiceDefinition => ({
  service_code: serviceCode,
  attributes: [...attrs]
    .sort((a, b) => a.order - b.order)
    .map((a) => ({
      variable: true,
      code: a.code,
      datatype: a.datatype,
      required: a.required,
      datatype_description: a.values?.length ? `取值：${a.values.map((v) => v.key).join('/')}` : null,
      order: a.order,
      description: a.description,
      values: [...(a.values ?? [])],
    })),
});

const MAX_TEXT = 500;

/**
 * The `attribute[code]` values of a POST checked against the service's attributes: every required one present,
 * list values among the keys, numbers numeric, no attribute the service does not define. Returns the clean values
 * (stored on the case) and the issues, each naming `attribute[code]`.
 * @example checkServiceAttributes([coverCondition], { cover_condition: 'broken' }) // { values: { cover_condition: 'broken' }, issues: [] }
 */
export function checkServiceAttributes(defs: readonly ServiceAttribute[], given: Record<string, string | string[]>): { values: Record<string, string | string[]>; issues: Open311Issue[] } {
  const issues: Open311Issue[] = [];
  const values: Record<string, string | string[]> = {};
  const byCode = new Map(defs.map((d) => [d.code, d]));
  for (const code of Object.keys(given)) if (!byCode.has(code)) issues.push({ field: `attribute[${code}]`, message: '该服务没有这个属性' });
  for (const d of defs) {
    const field = `attribute[${d.code}]`;
    const raw = given[d.code];
    const list = (typeof raw === 'string' ? [raw] : (raw ?? [])).map((s) => s.trim()).filter(Boolean);
    if (!list.length) {
      if (d.required) issues.push({ field, message: `必填（${d.description}）` });
      continue;
    }
    if (d.datatype !== 'multivaluelist' && list.length > 1) {
      issues.push({ field, message: '只能填一个值' });
      continue;
    }
    const keys = new Set((d.values ?? []).map((v) => v.key));
    if (d.datatype === 'singlevaluelist' || d.datatype === 'multivaluelist') {
      const bad = list.find((v) => !keys.has(v));
      if (bad !== undefined) {
        issues.push({ field, message: `应为 ${[...keys].join('/')} 之一：${bad.slice(0, 32)}` });
        continue;
      }
    } else if (d.datatype === 'number' && !Number.isFinite(Number(list[0]))) {
      issues.push({ field, message: '应为数字' });
      continue;
    } else if (list[0]!.length > MAX_TEXT) {
      issues.push({ field, message: `不能超过 ${MAX_TEXT} 个字符` });
      continue;
    }
    values[d.code] = d.datatype === 'multivaluelist' ? list : list[0]!;
  }
  return { values, issues };
}
