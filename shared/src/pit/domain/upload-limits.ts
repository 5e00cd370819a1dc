/**
 * One raw instrument file per upload, at most this big (SCF's 6 MB request cap, less the JSON around it):
 * the ingest refuses more, and the upload page says so before sending.
 */
export const PIT_UPLOAD_MAX_BYTES = 5 * 1024 * 1024;
export const PIT_UPLOAD_TOO_LARGE = '单个监测文件不能超过 5 MB，请按测段或日期拆分后上传';
