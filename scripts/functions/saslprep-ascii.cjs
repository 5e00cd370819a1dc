'use strict';
/**
 * Stands in for `@mongodb-js/saslprep` inside the function bundles (scripts/build-functions.ts). The driver needs
 * SASLprep (RFC 4013) only to prepare a SCRAM-SHA-256 password; for printable ASCII — what TencentDB for MongoDB
 * passwords are — SASLprep returns the password unchanged. The package carries Unicode code-point tables that every
 * cold start would parse; a password outside printable ASCII is refused here with a clear message instead of being
 * prepared differently from the server.
 */
function saslprep(input) {
  if (/^[\x20-\x7e]*$/.test(input)) return input;
  throw new Error('MongoDB password outside printable ASCII: use an ASCII password for the database user (SASLprep is not bundled)');
}
exports.saslprep = saslprep;
