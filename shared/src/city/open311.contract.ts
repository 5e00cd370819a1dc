/**
 * The JSON body an Open311 client may POST: a flat object of GeoReport fields, each a string, a number (sent
 * as JSON numbers by some clients: lat, long) or a list of strings (repeated fields). Objects, nested arrays,
 * booleans and null are refused with the field's name, not stored or crashed on.
 */
import * as z from 'zod';

const FIELD_MAX = 10_000;
export const open311JsonBody = z.record(
  z.string().max(64, '字段名过长'),
  z.union([z.string().max(FIELD_MAX, '内容过长'), z.number().finite().transform(String), z.array(z.string().max(FIELD_MAX, '内容过长')).max(20, '重复字段过多')], {
    message: '应为文本或数字',
  }),
  { message: '请求体应为 JSON 对象' },
);
