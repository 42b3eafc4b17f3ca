// The HTTP platform seen from outside: operations endpoints, the OpenAPI
// document, problem+json for routing and framing errors, request IDs, limits
// and security headers. One server (SQLite, canary routes on) for the file.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';

import { startServer, request, rawRequest } from '../../lib/server.mjs';
import { canaryEnv } from '../../lib/canary.mjs';

let server;

before(async () => {
  server = await startServer({ env: canaryEnv });
});

after(async () => {
  if (!server) return;
  const { code } = await server.stop();
  server.removeDataDir();
  assert.equal(code, 0, `tongban exited with ${code}\n${server.tail()}`);
});

// RFC 9457 with the project's extensions: a stable code, both languages, the request ID.
function assertProblem(r, status, code) {
  assert.equal(r.status, status, r.text);
  assert.match(r.headers.get('content-type') ?? '', /^application\/problem\+json/);
  assert.equal(typeof r.body, 'object', `problem body is not JSON: ${r.text}`);
  assert.equal(r.body.status, status);
  if (code) assert.equal(r.body.code, code);
  assert.equal(typeof r.body.code, 'string');
  assert.equal(typeof r.body.type, 'string');
  assert.equal(typeof r.body.title, 'string');
  assert.ok(r.body.message_zh?.length > 0, 'message_zh is missing');
  assert.ok(r.body.message_en?.length > 0, 'message_en is missing');
  assert.ok(r.body.request_id?.length > 0, 'request_id is missing');
}

test('GET /healthz answers 200 with JSON', async () => {
  const r = await request(`${server.url}/healthz`);
  assert.equal(r.status, 200);
  assert.match(r.headers.get('content-type') ?? '', /^application\/json/);
  assert.deepEqual(r.body, { status: 'ok' });
});

test('GET /readyz answers 200 once the database is migrated', async () => {
  const r = await request(`${server.url}/readyz`);
  assert.equal(r.status, 200, r.text);
  assert.equal(r.body.status, 'ready');
});

test('GET /metrics exposes request, outbox and write-queue metrics', async () => {
  await request(`${server.url}/healthz`);
  const r = await request(`${server.url}/metrics`);
  assert.equal(r.status, 200);
  assert.match(r.headers.get('content-type') ?? '', /^text\/plain/);
  for (const name of ['tongban_http_requests_total', 'tongban_outbox_lag_events', 'tongban_db_write_queue_depth']) {
    assert.match(r.text, new RegExp(`^${name}\\b`, 'm'), `${name} is missing from /metrics`);
  }
});

test('GET /api/openapi.json is an OpenAPI 3.1.0 document', async () => {
  const r = await request(`${server.url}/api/openapi.json`);
  assert.equal(r.status, 200);
  assert.equal(typeof r.body, 'object', 'not JSON');
  assert.equal(r.body.openapi, '3.1.0');
  assert.ok(r.body.paths['/healthz'], 'the document lists /healthz');
});

test('an unknown route is 404 problem+json', async () => {
  const r = await request(`${server.url}/api/v1/no-such-thing`);
  assertProblem(r, 404, 'http.not_found');
  assert.equal(r.body.instance, '/api/v1/no-such-thing');
});

test('a known route with the wrong method is 405 with Allow', async () => {
  const r = await request(`${server.url}/healthz`, { method: 'DELETE' });
  assertProblem(r, 405, 'http.method_not_allowed');
  const allow = r.headers.get('allow') ?? '';
  assert.match(allow, /\bGET\b/, `Allow header is "${allow}"`);
  assert.doesNotMatch(allow, /\bDELETE\b/);
});

test('X-Request-Id is echoed on success and in problems', async () => {
  const id = 'harness-req-0123456789';
  const ok = await request(`${server.url}/healthz`, { headers: { 'x-request-id': id } });
  assert.equal(ok.headers.get('x-request-id'), id);
  const missing = await request(`${server.url}/nope`, { headers: { 'x-request-id': id } });
  assert.equal(missing.headers.get('x-request-id'), id);
  assert.equal(missing.body.request_id, id);
});

test('a request without X-Request-Id gets a generated one', async () => {
  const a = await request(`${server.url}/healthz`);
  const b = await request(`${server.url}/healthz`);
  assert.ok(a.headers.get('x-request-id'), 'no generated X-Request-Id');
  assert.notEqual(a.headers.get('x-request-id'), b.headers.get('x-request-id'));
});

test('security headers are present on success and on problems', async () => {
  for (const path of ['/healthz', '/api/v1/no-such-thing']) {
    const r = await request(`${server.url}${path}`);
    const csp = r.headers.get('content-security-policy') ?? '';
    assert.match(csp, /frame-ancestors 'none'/, `${path}: CSP is "${csp}"`);
    assert.equal(r.headers.get('x-content-type-options'), 'nosniff', path);
  }
});

const kMiB = 1024 * 1024;

test('a body over 1 MiB with Content-Length is 413 problem+json', async () => {
  const size = kMiB + 1;
  const chunk = Buffer.alloc(64 * 1024, 0x20);
  const chunks = [];
  for (let sent = 0; sent < size; sent += chunk.length) chunks.push(chunk.subarray(0, Math.min(chunk.length, size - sent)));
  const r = await rawRequest(server.port,
    'POST /api/v1/canary/writes HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n' +
    `Content-Length: ${size}`, chunks);
  assert.equal(r.status, 413, r.body);
  assert.match(r.headers['content-type'] ?? '', /^application\/problem\+json/);
  const body = JSON.parse(r.body);
  assert.equal(body.status, 413);
  assert.equal(body.code, 'http.body_too_large');
  assert.ok(body.message_zh && body.message_en);
});

test('a chunked body growing over 1 MiB is 413 problem+json', async () => {
  const piece = Buffer.alloc(64 * 1024, 0x20);
  const chunks = [];
  for (let sent = 0; sent <= kMiB; sent += piece.length) {
    chunks.push(Buffer.concat([Buffer.from(`${piece.length.toString(16)}\r\n`), piece, Buffer.from('\r\n')]));
  }
  chunks.push(Buffer.from('0\r\n\r\n'));
  const r = await rawRequest(server.port,
    'POST /api/v1/canary/writes HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n' +
    'Transfer-Encoding: chunked', chunks);
  assert.equal(r.status, 413, r.body);
  assert.equal(JSON.parse(r.body).code, 'http.body_too_large');
});

test('the server still answers after the limit errors', async () => {
  const r = await request(`${server.url}/healthz`);
  assert.equal(r.status, 200);
});
