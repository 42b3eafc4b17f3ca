// Client helpers for the canary API (探针写入), used by the API, durability and
// benchmark harnesses.
import { request, sleep } from './server.mjs';

export const canaryEnv = { TONGBAN_CANARY_ENABLED: 'true' };

export function postWrite(baseUrl, client_id, seq, payload, { signal } = {}) {
  return fetch(`${baseUrl}/api/v1/canary/writes`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ client_id, seq, payload }),
    signal,
  });
}

// Every write of `client` in seq order, following next_after_seq.
export async function listAll(baseUrl, client) {
  const out = [];
  let after = -1;
  for (;;) {
    const r = await request(`${baseUrl}/api/v1/canary/writes?client_id=${encodeURIComponent(client)}` +
                            `&after_seq=${after}&limit=1000`);
    if (r.status !== 200) throw new Error(`list ${client}: ${r.status} ${r.text}`);
    out.push(...r.body.items);
    if (r.body.items.length === 0 || r.body.next_after_seq === undefined) return out;
    after = r.body.next_after_seq;
  }
}

export async function tally(baseUrl, client) {
  const r = await request(`${baseUrl}/api/v1/canary/tallies/${encodeURIComponent(client)}`);
  if (r.status !== 200) throw new Error(`tally ${client}: ${r.status} ${r.text}`);
  return r.body.events;
}

// Polls until the tally of `client` equals `expected`, then checks that it
// stays there for `settleMs` (longer than a dispatcher poll). Rejects at once
// if the tally ever exceeds it (an event handled twice) and after `timeoutMs`.
export async function waitForTally(baseUrl, client, expected, { timeoutMs = 60000, settleMs = 0 } = {}) {
  const deadline = Date.now() + timeoutMs;
  let last;
  for (;;) {
    last = await tally(baseUrl, client);
    if (last > expected) throw new Error(`tally of ${client} is ${last}, more than its ${expected} writes`);
    if (last === expected) {
      if (settleMs > 0) {
        await sleep(settleMs);
        const later = await tally(baseUrl, client);
        if (later !== expected) throw new Error(`tally of ${client} moved from ${expected} to ${later}`);
      }
      return last;
    }
    if (Date.now() > deadline) {
      throw new Error(`tally of ${client} stayed at ${last}, expected ${expected} (outbox not delivered)`);
    }
    await sleep(100);
  }
}

// Runs `fn(item)` over `items` with at most `concurrency` in flight.
export async function mapLimit(items, concurrency, fn) {
  const results = new Array(items.length);
  let next = 0;
  async function worker() {
    while (next < items.length) {
      const i = next++;
      results[i] = await fn(items[i], i);
    }
  }
  await Promise.all(Array.from({ length: Math.min(concurrency, items.length) }, worker));
  return results;
}

// A fleet of concurrent writers, each with its own client_id and increasing
// seq, recording the fate of every write it sends:
//   acked     a 2xx response arrived
//   rejected  a non-2xx response arrived (the server said it did not record it)
//   unknown   the request was in flight when the connection failed (the
//             server was killed or stopped): it may or may not be recorded
//   refused   the connection was refused: the request never left the client
// A writer never retries: after a network error it stops, and the next run()
// continues with new seqs. Seqs never sent are "never sent" and must never
// appear in the database.
export class WriterFleet {
  constructor({ writers, runId, payloadBytes = 48 }) {
    this.clients = Array.from({ length: writers }, (_, i) => `${runId}-w${i}`);
    this.nextSeq = new Map(this.clients.map((c) => [c, 0]));
    this.records = new Map();  // `${client}:${seq}` → {client, seq, payload, state, id, status}
    this.payloadBytes = payloadBytes;
    this.halted = false;
    this.counts = { acked: 0, rejected: 0, unknown: 0, refused: 0 };
    this.rejectedStatuses = new Map();
  }

  // Writes until halt() or a network error, every writer in parallel.
  // Resolves when every writer has stopped.
  run(baseUrl) {
    this.halted = false;
    return Promise.all(this.clients.map((c) => this._loop(baseUrl, c)));
  }

  halt() { this.halted = true; }

  get acked() { return this.counts.acked; }

  async _loop(baseUrl, client) {
    while (!this.halted) {
      const seq = this.nextSeq.get(client);
      this.nextSeq.set(client, seq + 1);
      const payload = `${client}:${seq}:`.padEnd(this.payloadBytes, 'x');
      const rec = { client, seq, payload, state: 'inflight', id: null, status: 0 };
      this.records.set(`${client}:${seq}`, rec);
      let res;
      let text;
      try {
        res = await postWrite(baseUrl, client, seq, payload, { signal: AbortSignal.timeout(30000) });
        text = await res.text();
      } catch (e) {
        // Refused: the connection was never made, so the request was never
        // delivered. Anything else: it may have arrived before the failure.
        rec.state = e?.cause?.code === 'ECONNREFUSED' ? 'refused' : 'unknown';
        this.counts[rec.state]++;
        return;
      }
      rec.status = res.status;
      if (res.status >= 200 && res.status < 300) {
        rec.state = 'acked';
        rec.id = JSON.parse(text).id;
        this.counts.acked++;
      } else {
        rec.state = 'rejected';
        this.counts.rejected++;
        this.rejectedStatuses.set(res.status, (this.rejectedStatuses.get(res.status) ?? 0) + 1);
      }
    }
  }

  // Reads every client's writes back and checks them against what was sent.
  // Resolves a report; `problems` lists every violation (empty when sound):
  //   an acked write missing, or stored with another payload or id;
  //   a seq stored twice; a stored write that was rejected, refused or never sent.
  async verify(baseUrl) {
    const report = { acked: 0, unknownPresent: 0, unknownAbsent: 0, rejected: 0, refused: 0, present: 0, problems: [],
                     presentByClient: new Map() };
    const lists = await mapLimit(this.clients, 8, (c) => listAll(baseUrl, c));
    this.clients.forEach((client, i) => {
      const seen = new Map();
      for (const w of lists[i]) {
        if (w.client_id !== client) report.problems.push(`listing ${client} returned a write of ${w.client_id}`);
        if (seen.has(w.seq)) report.problems.push(`${client} seq ${w.seq} is stored twice`);
        seen.set(w.seq, w);
      }
      report.present += seen.size;
      report.presentByClient.set(client, seen.size);
      for (const [seq, w] of seen) {
        const rec = this.records.get(`${client}:${seq}`);
        if (!rec) report.problems.push(`${client} seq ${seq} is stored but was never sent`);
        else if (rec.state === 'rejected') report.problems.push(`${client} seq ${seq} is stored but was answered ${rec.status}`);
        else if (rec.state === 'refused') report.problems.push(`${client} seq ${seq} is stored but its connection was refused`);
        else if (w.payload !== rec.payload) report.problems.push(`${client} seq ${seq} is stored with another payload`);
      }
      for (let seq = 0; seq < this.nextSeq.get(client); seq++) {
        const rec = this.records.get(`${client}:${seq}`);
        const w = seen.get(seq);
        if (rec.state === 'acked') {
          report.acked++;
          if (!w) report.problems.push(`${client} seq ${seq} was acknowledged (${rec.status}) but is missing`);
          else if (w.id !== rec.id) report.problems.push(`${client} seq ${seq} has id ${w.id}, acknowledged as ${rec.id}`);
        } else if (rec.state === 'unknown' || rec.state === 'inflight') {
          if (w) report.unknownPresent++;
          else report.unknownAbsent++;
        } else if (rec.state === 'refused') {
          report.refused++;
        } else {
          report.rejected++;
        }
      }
    });
    return report;
  }
}
