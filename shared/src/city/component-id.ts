import { conflict, invalid } from '../errors';
import { SEED_CLASS_TABLE, findClass, majorClassByCode, type ClassTable } from './classes';

/**
 * 部件标识码: 16 digits `AAAAAA BB SS NNNNNN` = county (GB/T 2260) + 大类 + 小类 + serial (docs/domain/city.md §1.4).
 * Example `3205080101000001`: a 上水井盖 in 苏州姑苏区, serial 1.
 */
export type ComponentIdParts = {
  /** 6-digit GB/T 2260 county code, e.g. '320508' (a prefecture city without counties like 东莞 uses '441900') */
  countyCode: string;
  majorCode: string;
  minorCode: string;
  /** 大类 + 小类 */
  classCode: string;
  /** 1 … 999999 */
  serial: number;
};

const ID = /^\d{16}$/;
const MAX_SERIAL = 999_999;
/** GB/T 2260 province prefixes (31 provinces + Taiwan, Hong Kong, Macao). */
const PROVINCES = new Set(['11', '12', '13', '14', '15', '21', '22', '23', '31', '32', '33', '34', '35', '36', '37', '41', '42', '43', '44', '45', '46', '50', '51', '52', '53', '54', '61', '62', '63', '64', '65', '71', '81', '82']);

const bad = (message: string, id: string) => invalid(message, 'invalid_component_id', { componentId: id });

/**
 * Parses and validates a component id: 16 digits, a real province prefix, an existing 部件 大类/小类
 * and a serial ≥ 1. Spaces (as printed on labels) are ignored. Throws `invalid_component_id` (400).
 * @example parseComponentId('320508 01 01 000001') // { countyCode: '320508', majorCode: '01', minorCode: '01', classCode: '0101', serial: 1 }
 */
export function parseComponentId(input: string, table: ClassTable = SEED_CLASS_TABLE): ComponentIdParts {
  const id = String(input ?? '').replace(/\s+/g, '');
  if (!ID.test(id)) throw bad(`部件标识码应为 16 位数字：${id || '（空）'}`, id);
  const countyCode = id.slice(0, 6);
  if (!PROVINCES.has(countyCode.slice(0, 2))) throw bad(`部件标识码的行政区划代码无效：${countyCode}`, id);
  const majorCode = id.slice(6, 8);
  const minorCode = id.slice(8, 10);
  if (!majorClassByCode('component', majorCode, table)) throw bad(`部件标识码中的大类 ${majorCode} 不存在`, id);
  if (!findClass('component', majorCode + minorCode, table)) throw bad(`部件标识码中的小类 ${majorCode}${minorCode} 不存在`, id);
  const serial = Number(id.slice(10));
  if (serial < 1) throw bad('部件标识码的流水号不能为 000000', id);
  return { countyCode, majorCode, minorCode, classCode: majorCode + minorCode, serial };
}

/**
 * True when `parseComponentId` would accept the id.
 * @example isComponentId('3205080101000001') // true
 */
export function isComponentId(input: string, table: ClassTable = SEED_CLASS_TABLE): boolean {
  try {
    parseComponentId(input, table);
    return true;
  } catch {
    return false;
  }
}

/**
 * Builds the 16-digit id; `spaced` groups it as printed on a label.
 * @example formatComponentId({ countyCode: '320508', classCode: '0101', serial: 1 }) // '3205080101000001'
 * @example formatComponentId({ countyCode: '320508', classCode: '0101', serial: 1 }, { spaced: true }) // '320508 01 01 000001'
 */
export function formatComponentId(
  parts: { countyCode: string; classCode: string; serial: number },
  options: { spaced?: boolean; table?: ClassTable } = {},
): string {
  const { countyCode, classCode, serial } = parts;
  if (!/^\d{6}$/.test(countyCode)) throw invalid(`行政区划代码应为 6 位数字：${countyCode}`, 'invalid_component_id');
  if (!/^\d{4}$/.test(classCode)) throw invalid(`部件小类编码应为 4 位数字：${classCode}`, 'invalid_component_id');
  if (!Number.isInteger(serial) || serial < 1 || serial > MAX_SERIAL) throw invalid(`流水号应为 1–${MAX_SERIAL} 的整数：${serial}`, 'invalid_component_id');
  const id = countyCode + classCode + String(serial).padStart(6, '0');
  parseComponentId(id, options.table);
  return options.spaced ? `${id.slice(0, 6)} ${id.slice(6, 8)} ${id.slice(8, 10)} ${id.slice(10)}` : id;
}

/**
 * The next free id for a county and class: one past the highest serial among `existing` ids with the
 * same 10-digit prefix (ids of other counties or classes, and malformed strings, are ignored).
 * Throws `component_serial_exhausted` (409) after 999999.
 * @example nextComponentId('320508', '0101', ['3205080101000001', '3205080101000007']) // '3205080101000008'
 */
export function nextComponentId(countyCode: string, classCode: string, existing: Iterable<string>, table: ClassTable = SEED_CLASS_TABLE): string {
  const prefix = countyCode + classCode;
  let max = 0;
  for (const id of existing) {
    if (id.length !== 16 || !id.startsWith(prefix)) continue;
    const serial = Number(id.slice(10));
    if (Number.isInteger(serial) && serial > max) max = serial;
  }
  if (max >= MAX_SERIAL) {
    throw conflict(`${countyCode} 的 ${classCode} 类部件流水号已用完`, 'component_serial_exhausted');
  }
  return formatComponentId({ countyCode, classCode, serial: max + 1 }, { table });
}
