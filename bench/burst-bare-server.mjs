// The baseline of bench/burst.bench.mjs: a bare node:http server that reads the JSON body and
// answers 201 with a small JSON body, no framework, no database: the load generator's ceiling.
import { randomUUID } from 'node:crypto';
import { createServer } from 'node:http';

let seq = 0;
const server = createServer((req, res) => {
  const chunks = [];
  req.on('data', (c) => chunks.push(c));
  req.on('end', () => {
    JSON.parse(Buffer.concat(chunks).toString('utf8'));
    const body = JSON.stringify({ id: randomUUID(), seq: ++seq });
    res.writeHead(201, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(body) });
    res.end(body);
  });
});
// Same accept backlog as the API (LISTEN_BACKLOG).
server.listen(0, '127.0.0.1', Number(process.env.LISTEN_BACKLOG ?? 511), () => process.send?.({ type: 'listening', port: server.address().port }));
process.on('SIGTERM', () => process.exit(0));
