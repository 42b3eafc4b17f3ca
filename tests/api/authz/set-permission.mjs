#!/usr/bin/env node
// Sets x-tongban-permission on operations of app/openapi.json without
// reformatting the file: the field goes right after the operation's
// "operationId" (on its own line in multi-line operations, inline in one-line
// ones); an existing value is replaced in place.
//
//   node tests/api/authz/set-permission.mjs [--file F] operationId=permission …
//   node tests/api/authz/set-permission.mjs --missing      # list operations without one
//
// The value is a permission of `tongban policy print`, "public" (anonymous) or
// "authenticated" (any logged-in caller on their own login); app/src/openapi_test.cpp
// checks it.
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
const args = process.argv.slice(2);
let file = path.join(repoRoot, 'app', 'openapi.json');
const fileFlag = args.indexOf('--file');
if (fileFlag >= 0) {
  file = args[fileFlag + 1];
  args.splice(fileFlag, 2);
}
let text = readFileSync(file, 'utf8');

if (args[0] === '--missing') {
  const doc = JSON.parse(text);
  for (const [p, item] of Object.entries(doc.paths)) {
    for (const [method, op] of Object.entries(item)) {
      if (typeof op['x-tongban-permission'] !== 'string') console.log(`${op.operationId}\t${method.toUpperCase()} ${p}`);
    }
  }
  process.exit(0);
}

const escape = (s) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
for (const pair of args) {
  const eq = pair.indexOf('=');
  if (eq <= 0) throw new Error(`expected operationId=permission, got ${pair}`);
  const id = pair.slice(0, eq);
  const permission = pair.slice(eq + 1);
  const field = `"x-tongban-permission": ${JSON.stringify(permission)}`;
  const anchor = new RegExp(`^([ \\t]*)?(.*?)"operationId":\\s*"${escape(id)}",`, 'm');
  const m = anchor.exec(text);
  if (!m) {
    console.error(`no operation ${id} in ${file}`);
    process.exitCode = 1;
    continue;
  }
  const after = m.index + m[0].length;
  const existing = /^(\s*)"x-tongban-permission":\s*"[^"]*"/.exec(text.slice(after));
  if (existing) {
    text = text.slice(0, after) + existing[1] + field + text.slice(after + existing[0].length);
  } else if (m[2] === '' && text[after] === '\n') {
    text = `${text.slice(0, after)}\n${m[1] ?? ''}${field},${text.slice(after)}`;
  } else {
    text = `${text.slice(0, after)} ${field},${text.slice(after)}`;
  }
}
JSON.parse(text);  // still JSON
writeFileSync(file, text);
