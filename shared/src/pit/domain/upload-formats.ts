/**
 * The raw formats a monitoring unit or an automatic station uploads (docs/domain/pit.md, "Upload formats").
 * zod-free: the mini-program imports it. `gsi` carries a level's or a total station's file (told apart by
 * its word indices).
 */
export const UPLOAD_FORMATS = ['gsi', 'dini', 'inclinometer_csv', 'vw_csv', 'water_csv', 'tps_csv', 'tilt_csv', 'crack_csv'] as const;
export type UploadFormat = (typeof UPLOAD_FORMATS)[number];

/** What an automatic station posts (one reading row per sensor or point, each with its own time). */
export const DEVICE_FORMATS = ['vw_csv', 'water_csv', 'tps_csv', 'tilt_csv', 'crack_csv'] as const satisfies readonly UploadFormat[];
export type DeviceFormat = (typeof DEVICE_FORMATS)[number];
