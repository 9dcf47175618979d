// The load generator of the comments bench: one keep-alive HTTP/1.1 connection per simulated
// client, one request in flight on each, each answer read only as far as its status and length.
// The load runs on the same 2 cores as the API and PostgreSQL, so its own CPU is taken from what
// it measures. Against a trivial server on this machine (50,000 POSTs, 64 connections) it used
// 0.019-0.027 ms of CPU per request; undici's Pool.dispatch 0.047-0.061 ms and autocannon
// 0.043-0.047 ms; node's http client more than either.
import net from 'node:net';

const TIMEOUT_MS = 60_000;
const HEAD_END = '\r\n\r\n';

export class LoadConnection {
  #url;
  #socket = null;
  #received = '';
  #pending = null;

  constructor(base) {
    this.#url = new URL(base);
  }

  /** POSTs a JSON text; resolves with the answer's status once its body is in (the body is dropped). */
  post(path, json, headers) {
    if (this.#pending) return Promise.reject(new Error('one request at a time per connection'));
    const socket = this.#socket ?? this.#connect();
    let head = `POST ${path} HTTP/1.1\r\nhost: ${this.#url.host}\r\ncontent-type: application/json\r\n`;
    for (const name in headers) head += `${name}: ${headers[name]}\r\n`;
    return new Promise((resolve, reject) => {
      this.#pending = { resolve, reject };
      socket.write(`${head}content-length: ${Buffer.byteLength(json)}\r\n\r\n${json}`);
    });
  }

  close() {
    this.#socket?.destroy();
  }

  #connect() {
    const socket = net.connect(Number(this.#url.port), this.#url.hostname);
    socket.setNoDelay(true);
    // One byte per character: lengths counted on the string are byte lengths.
    socket.setEncoding('latin1');
    socket.setTimeout(TIMEOUT_MS, () => socket.destroy(new Error('no answer within 60 s')));
    socket.on('data', (chunk) => this.#read(chunk));
    socket.on('error', () => undefined);
    socket.on('close', () => {
      if (this.#socket === socket) this.#socket = null;
      this.#received = '';
      this.#settle(new Error('connection closed'));
    });
    this.#received = '';
    return (this.#socket = socket);
  }

  #read(chunk) {
    this.#received += chunk;
    const end = this.#received.indexOf(HEAD_END);
    if (end < 0) return;
    const head = this.#received.slice(0, end).toLowerCase();
    if (head.includes('\r\ntransfer-encoding:')) return this.#fail(new Error('chunked answers are not read by this client'));
    const length = /\r\ncontent-length: *(\d+)/.exec(head);
    const total = end + HEAD_END.length + (length ? Number(length[1]) : 0);
    if (this.#received.length < total) return;
    const status = Number(head.slice(9, 12));
    this.#received = this.#received.slice(total);
    if (head.includes('\r\nconnection: close')) this.#socket?.destroy();
    this.#settle(null, status);
  }

  #fail(err) {
    this.#socket?.destroy();
    this.#settle(err);
  }

  #settle(err, status) {
    const pending = this.#pending;
    this.#pending = null;
    if (!pending) return;
    if (err) pending.reject(err);
    else pending.resolve(status);
  }
}
