export interface BlobStore {
  put(key: string, data: Buffer, contentType: string): Promise<void>;
  get(key: string): Promise<Buffer | null>;
  exists(key: string): Promise<boolean>;
  /** A short-lived URL the client can PUT the bytes to directly (SCF sync requests cap at 6 MB). */
  presignPut(key: string, contentType: string, expiresSec: number): Promise<string>;
}
