// The baseline of bench/live.bench.mjs: a bare socket.io server with the same namespace, events and
// engine options as the API's live hearing, but no database, no auth, no Nest and no Redis: `join`
// puts the socket in the room, `segment:add` broadcasts to it and acks.
import { createServer } from 'node:http';
import { Server } from 'socket.io';

const port = Number(process.env.PORT ?? 0);
const http = createServer();
const io = new Server(http, { perMessageDeflate: false, maxHttpBufferSize: 64 * 1024, cors: { origin: '*' } });
const nsp = io.of('/hearings');
const seqs = new Map();

nsp.on('connection', (socket) => {
  socket.on('join', (payload, ack) => {
    socket.join(`hearing:${payload.hearingId}`);
    ack?.({ ok: true, lastSeq: seqs.get(payload.hearingId) ?? 0, state: 'live' });
  });
  socket.on('segment:add', (p, ack) => {
    const seq = (seqs.get(p.hearingId) ?? 0) + 1;
    seqs.set(p.hearingId, seq);
    nsp.to(`hearing:${p.hearingId}`).emit('segment', { hearingId: p.hearingId, seq, speaker: p.speaker, role: 'other', text: p.text, at: new Date().toISOString(), revision: 1 });
    ack?.({ seq });
  });
});

http.listen(port, '127.0.0.1', () => {
  process.send?.({ type: 'listening', port: http.address().port });
});
process.on('SIGTERM', () => process.exit(0));
