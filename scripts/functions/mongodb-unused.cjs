'use strict';
/**
 * Stands in for the MongoDB driver's client-side field-level encryption (ClientEncryption, AutoEncrypter) and GridFS
 * inside the function bundles (scripts/build-functions.ts). CityLoop uses neither (no `autoEncryption` option, files
 * live in COS), and together they were ~39 KB of every api cold start. Using one throws a clear error instead.
 */
const unavailable = (what) =>
  class {
    constructor() {
      throw new Error(`${what} is not bundled in the CityLoop functions (scripts/functions/mongodb-unused.cjs)`);
    }
  };
exports.ClientEncryption = unavailable('ClientEncryption');
exports.AutoEncrypter = unavailable('AutoEncrypter (autoEncryption)');
exports.AutoEncryptionLoggerLevel = Object.freeze({ FatalError: 0, Error: 1, Warning: 2, Info: 3, Trace: 4 });
exports.GridFSBucket = unavailable('GridFSBucket');
exports.GridFSBucketReadStream = unavailable('GridFSBucketReadStream');
exports.GridFSBucketWriteStream = unavailable('GridFSBucketWriteStream');
