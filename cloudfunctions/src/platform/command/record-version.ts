import { z } from 'zod';
import { MISSING_VERSION } from './run-command';

/** The record version a state-changing request carries (the one the caller read); every route uses this schema. */
export const RECORD_VERSION = z.number({ message: MISSING_VERSION }).int('记录版本号应为整数').positive('记录版本号应为正整数');
