// Viewer sockets for bench/live.bench.mjs, run in a child process (IPC). Keeps groups of
// socket.io clients (websocket only) joined to a hearing on a server, records when each `segment`
// arrives (process.hrtime: CLOCK_MONOTONIC, the same clock as the parent's send times) and tells
// the parent when every socket of a stream has one segment.
import { io } from 'socket.io-client';

const now = () => {
  const [s, ns] = process.hrtime();
  return s * 1e3 + ns / 1e6;
};

/** name → { stream, sockets[] }; a stream (e.g. 'api') may span groups on several servers. */
const groups = new Map();
/** stream → { times: Map<i, number[]>, counts: Map<i, number>, duplicates, size } */
const streams = new Map();

function stream(name) {
  let s = streams.get(name);
  if (!s) streams.set(name, (s = { times: new Map(), counts: new Map(), duplicates: 0, size: 0 }));
  return s;
}

function connectOne({ url, hearingId, afterSeq, streamName }) {
  return new Promise((resolve, reject) => {
    const socket = io(`${url}/hearings`, { transports: ['websocket'], reconnection: false, forceNew: true, timeout: 60_000 });
    const st = stream(streamName);
    let last = -1;
    socket.on('segment', (seg) => {
      const t = now();
      const i = Number(seg.text.slice(6)); // "bench <i>"
      if (i <= last) {
        st.duplicates++;
        return;
      }
      last = i;
      let times = st.times.get(i);
      if (!times) st.times.set(i, (times = []));
      times.push(t);
      const n = (st.counts.get(i) ?? 0) + 1;
      st.counts.set(i, n);
      if (n === st.size) process.send({ type: 'complete', stream: streamName, i });
    });
    socket.once('connect_error', reject);
    socket.once('connect', () => {
      socket.timeout(60_000).emit('join', { hearingId, afterSeq }, (err, ack) => (err || !ack?.ok ? reject(err ?? new Error(JSON.stringify(ack))) : resolve(socket)));
    });
  });
}

async function grow({ group, streamName, url, hearingId, afterSeq, total }) {
  let g = groups.get(group);
  if (!g) groups.set(group, (g = { stream: streamName, sockets: [] }));
  const BATCH = 250;
  while (g.sockets.length < total) {
    const n = Math.min(BATCH, total - g.sockets.length);
    const batch = await Promise.all(Array.from({ length: n }, () => connectOne({ url, hearingId, afterSeq, streamName })));
    g.sockets.push(...batch);
  }
  recount();
}

function shrink({ group, total }) {
  const g = groups.get(group);
  while (g && g.sockets.length > total) g.sockets.pop().disconnect();
  recount();
}

function recount() {
  for (const s of streams.values()) s.size = 0;
  for (const g of groups.values()) stream(g.stream).size += g.sockets.length;
}

process.on('message', async (msg) => {
  try {
    if (msg.cmd === 'grow') await grow(msg);
    else if (msg.cmd === 'shrink') shrink(msg);
    else if (msg.cmd === 'reset') for (const s of streams.values()) Object.assign(s, { times: new Map(), counts: new Map(), duplicates: 0 });
    else if (msg.cmd === 'report') {
      const out = {};
      for (const [name, s] of streams) out[name] = { times: Object.fromEntries(s.times), duplicates: s.duplicates, size: s.size };
      process.send({ type: 'report', id: msg.id, streams: out });
      return;
    } else if (msg.cmd === 'exit') {
      for (const g of groups.values()) for (const s of g.sockets) s.disconnect();
      process.exit(0);
    }
    process.send({ type: 'done', id: msg.id });
  } catch (err) {
    process.send({ type: 'failed', id: msg.id, error: String(err?.stack ?? err) });
  }
});
process.send({ type: 'started' });
