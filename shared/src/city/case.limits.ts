/** Limits of the case and patrol APIs that the pages check before sending (no zod here: the mini-program imports it). */

/** A report's description: the form asks for this much; the API takes up to the maximum. */
export const REPORT_DESCRIPTION_MIN = 4;
export const REPORT_DESCRIPTION_MAX = 1000;
export const CASE_REASON_MAX = 500;
export const PATROL_NOTE_MAX = 500;
export const PATROL_RULE_NAME_MIN = 2;
export const PATROL_RULE_NAME_MAX = 40;
export const PATROL_TIMES_MAX = 24;
/** `08:30`: a patrol window's start and end. */
export const HHMM = /^([01]\d|2[0-3]):[0-5]\d$/;
/** A class code of the city classification (4 digits). */
export const CLASS_CODE = /^\d{4}$/;
