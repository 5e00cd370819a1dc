'use strict';
/**
 * Baseline for gateway latency: a bare node:http server on loopback answering a fixed JSON.
 * Prints `READY {"url"}`; exits when stdin closes (the bench process ended or stopped it).
 */
const http = require('node:http');
const body = JSON.stringify({ ok: true, data: { status: 'ok' } });
const server = http.createServer((req, res) => {
  req.resume();
  req.on('end', () => {
    res.writeHead(200, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(body) });
    res.end(body);
  });
});
server.keepAliveTimeout = 30000;
server.listen(0, '127.0.0.1', () => {
  process.stdout.write(`READY ${JSON.stringify({ url: `http://127.0.0.1:${server.address().port}` })}\n`);
});
process.stdin.resume();
process.stdin.on('end', () => {
  server.closeAllConnections();
  server.close(() => process.exit(0));
});
