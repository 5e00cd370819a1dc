'use strict';
/** Baseline for cold start: the smallest possible SCF function. */
exports.main_handler = async () => ({ statusCode: 200, headers: { 'content-type': 'text/plain' }, body: 'ok', isBase64Encoded: false });
