import * as z from 'zod';
import { SHA256_HEX } from './evidence.limits';
import { MISSING_VERSION } from './request.limits';

/** Building blocks of the request schemas that several APIs share. */

/** A photo cited by its SHA-256; `message` is what the API says when it is not one. */
export const sha256Schema = (message?: string) => z.string().regex(SHA256_HEX, message);

/** The version of the record the page showed (optimistic concurrency); missing means a stale or hand-made request. */
export const recordVersionSchema = z.number({ message: MISSING_VERSION }).int('记录版本号应为整数').positive('记录版本号应为正整数');

/** A point in China, as a phone reports it (GCJ-02 degrees; accuracy in metres). */
export const chinaPointSchema = z.object({ lng: z.number().min(73).max(136), lat: z.number().min(3).max(54), accuracy: z.number().nonnegative().max(10_000).optional() });
