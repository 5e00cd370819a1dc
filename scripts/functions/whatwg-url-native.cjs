'use strict';
/**
 * Stands in for the `whatwg-url` package inside the function bundles (scripts/build-functions.ts): the MongoDB
 * driver's connection-string parser (mongodb-connection-string-url) uses only its URL and URLSearchParams, which
 * Node (≥ 18, the SCF runtime) implements to the same WHATWG URL Standard. The package itself carries the whole
 * IDNA mapping table (tr46, ~280 KB minified) that every cold start would parse for nothing.
 */
exports.URL = globalThis.URL;
exports.URLSearchParams = globalThis.URLSearchParams;
