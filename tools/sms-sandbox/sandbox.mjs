// SMS gateway SANDBOX (短信网关沙箱) — a stand-in for a real SMS provider, for
// development and tests only. It never sends a text message. It accepts what
// identity's HttpSmsSender sends, checks it the way a provider would, and
// shows what it received:
//
//   POST /v1/sms/send   headers X-App-Key, X-Timestamp (Unix ms, ±5 minutes),
//                       X-Signature = hex HMAC-SM3(app_secret, timestamp + "\n" + body)
//                       body {"message_id","phone","template_id","params":{…}}
//                       → 200 {"code":"OK"} | {"code":"DUPLICATE"} (message_id seen before)
//                       → 401 {"code":"BAD_SIGNATURE"|"UNKNOWN_APP_KEY"|"STALE_TIMESTAMP"}
//                       → 400 {"code":"BAD_REQUEST"}
//   GET  /messages      JSON: {"messages":[…accepted…],"rejected":N}
//   GET  /              an HTML page listing the accepted messages
//
// Usage: node tools/sms-sandbox/sandbox.mjs --listen 127.0.0.1:9100 --app-key tongban --secret-file FILE
// (or import { startSandbox } for tests).
import http from 'node:http';
import { createHmac, timingSafeEqual } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const kTemplates = {
  otp_login: '【通办】您的登录验证码是 ${code}，${minutes} 分钟内有效。请勿告诉他人。',
  otp_register: '【通办】您的注册验证码是 ${code}，${minutes} 分钟内有效。请勿告诉他人。',
  otp_reset: '【通办】您的重置密码验证码是 ${code}，${minutes} 分钟内有效。请勿告诉他人。',
};

function render(templateId, params) {
  const t = kTemplates[templateId];
  if (!t) return null;
  return t.replace(/\$\{(\w+)\}/g, (_, k) => String(params?.[k] ?? ''));
}

function escapeHtml(s) {
  return String(s).replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]);
}

export function sign(secret, timestamp, body) {
  return createHmac('sm3', secret).update(`${timestamp}\n${body}`).digest('hex');
}

// `chunked`: answer with Transfer-Encoding: chunked, as some providers do.
export function startSandbox({ host = '127.0.0.1', port = 0, appKey, secret, chunked = false }) {
  const messages = [];
  const seen = new Set();
  let rejected = 0;
  const answer = (res, status, obj) => {
    const text = JSON.stringify(obj);
    if (chunked) {
      res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'transfer-encoding': 'chunked' });
      res.write(text.slice(0, 5));
      res.end(text.slice(5));
      return;
    }
    res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(text) });
    res.end(text);
  };
  const server = http.createServer((req, res) => {
    let body = '';
    req.setEncoding('utf8');
    req.on('data', (c) => { body += c; });
    req.on('end', () => {
      if (req.method === 'GET' && req.url === '/messages') return answer(res, 200, { messages, rejected });
      if (req.method === 'GET' && req.url === '/') {
        res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
        const rows = messages.map((m) => `<tr><td>${escapeHtml(m.received_at)}</td><td>${escapeHtml(m.phone)}</td>` +
          `<td>${escapeHtml(m.template_id)}</td><td>${escapeHtml(m.text)}</td></tr>`).join('');
        return res.end(`<!doctype html><html lang="zh-CN"><meta charset="utf-8"><title>短信网关沙箱 SMS sandbox</title>` +
          `<h1>短信网关沙箱（不会真正发送） — SMS gateway sandbox (nothing is sent)</h1>` +
          `<p>rejected: ${rejected}</p><table border="1"><tr><th>time</th><th>phone</th><th>template</th><th>text</th></tr>${rows}</table>`);
      }
      if (req.method !== 'POST' || req.url !== '/v1/sms/send') return answer(res, 404, { code: 'NOT_FOUND', message: 'no such endpoint' });
      const key = req.headers['x-app-key'];
      const ts = req.headers['x-timestamp'] ?? '';
      const sig = String(req.headers['x-signature'] ?? '');
      if (key !== appKey) { rejected++; return answer(res, 401, { code: 'UNKNOWN_APP_KEY', message: 'unknown app key' }); }
      if (!/^\d+$/.test(ts) || Math.abs(Date.now() - Number(ts)) > 5 * 60 * 1000) {
        rejected++;
        return answer(res, 401, { code: 'STALE_TIMESTAMP', message: 'timestamp missing or off by more than 5 minutes' });
      }
      const expected = Buffer.from(sign(secret, ts, body), 'hex');
      const got = Buffer.from(/^[0-9a-f]{64}$/i.test(sig) ? sig : '', 'hex');
      if (got.length !== expected.length || !timingSafeEqual(got, expected)) {
        rejected++;
        return answer(res, 401, { code: 'BAD_SIGNATURE', message: 'signature does not match' });
      }
      let msg;
      try { msg = JSON.parse(body); } catch { msg = null; }
      const text = msg && render(msg.template_id, msg.params);
      if (!msg || typeof msg.message_id !== 'string' || !/^1\d{10}$/.test(msg.phone ?? '') || text === null) {
        rejected++;
        return answer(res, 400, { code: 'BAD_REQUEST', message: 'message_id, an 11-digit phone and a known template_id are required' });
      }
      if (seen.has(msg.message_id)) return answer(res, 200, { code: 'DUPLICATE', message: 'already accepted' });
      seen.add(msg.message_id);
      messages.push({ ...msg, text, received_at: new Date().toISOString() });
      return answer(res, 200, { code: 'OK', message: 'accepted (sandbox: not sent)' });
    });
  });
  return new Promise((resolve) => {
    server.listen(port, host, () => {
      const address = server.address();
      resolve({
        url: `http://${host}:${address.port}`,
        messages,
        rejected: () => rejected,
        close: () => new Promise((r) => server.close(r)),
      });
    });
  });
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const arg = (name, fallback) => {
    const i = process.argv.indexOf(name);
    return i > 0 ? process.argv[i + 1] : fallback;
  };
  const [host, port] = arg('--listen', '127.0.0.1:9100').split(':');
  const secretFile = arg('--secret-file');
  if (!secretFile) {
    console.error('usage: sandbox.mjs --listen HOST:PORT --app-key KEY --secret-file FILE');
    process.exit(2);
  }
  const sandbox = await startSandbox({
    host, port: Number(port), appKey: arg('--app-key', 'tongban'), secret: readFileSync(secretFile, 'utf8').trim(),
  });
  console.log(`SMS gateway SANDBOX listening on ${sandbox.url} (POST /v1/sms/send, GET /messages, GET /) — nothing is sent`);
}
