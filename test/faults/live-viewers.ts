// Viewers and a clerk for the live-hearing fault tests, built on the web client's own library
// (client/src/live/live-client.ts). A viewer may be given several API URLs: when its instance stays
// unreachable it moves to the next one and joins with afterSeq = the last seq it holds, as a
// browser behind a load balancer would after its instance died.
import { LiveClient, LiveSegment } from '../../client/src/live/live-client';
import { createPublishedDraft } from '../factories/drafts';
import { announcedHearing, startNow } from '../factories/hearings';
import { staff } from '../factories/users';
import type { TestApp } from '../setup/test-app';

const socketOptions = { transports: ['websocket'] as string[], reconnectionDelay: 200, reconnectionDelayMax: 1000 };

export interface Started {
  hearingId: string;
  clerkToken: string;
}

/** A published draft, an announced hearing moved to now, a clerk of the unit; started. */
export async function startedHearing(t: TestApp): Promise<Started> {
  const draft = await createPublishedDraft(t);
  const hearingId = await announcedHearing(t, draft);
  await startNow(t, 'hearing', hearingId);
  const clerk = await staff(t, ['clerk'], { unitId: draft.unitId, displayName: '记录员陈' });
  const res = await t.http().post(`/api/hearings/${hearingId}/start`).set(clerk.auth);
  if (res.status !== 200) throw new Error(`start: ${res.status} ${JSON.stringify(res.body)}`);
  return { hearingId, clerkToken: clerk.token };
}

export class FailoverViewer {
  /** Every seq in the order it was delivered to the page (across clients and instances). */
  readonly order: number[] = [];
  /** How many times the viewer moved to another instance. */
  failovers = 0;
  private client!: LiveClient;
  private index: number;
  private timer: NodeJS.Timeout | null = null;
  private last = 0;

  constructor(
    private readonly urls: string[],
    private readonly hearingId: string,
    start = 0,
    private readonly failoverAfterMs = 1500,
  ) {
    this.index = start % urls.length;
    this.open();
  }

  get url(): string {
    return this.urls[this.index];
  }

  get connection(): string {
    return this.client.connection;
  }

  private open(): void {
    const client = new LiveClient({ hearingId: this.hearingId, url: this.urls[this.index], afterSeq: this.last, socketOptions });
    this.client = client;
    client.on('segment', (s: LiveSegment) => {
      if (s.revision === 1) this.order.push(s.seq);
      this.last = Math.max(this.last, client.lastSeq);
    });
    client.on('connection', (state) => {
      if (state === 'live' && this.timer) {
        clearTimeout(this.timer);
        this.timer = null;
      }
      if (state === 'reconnecting' && !this.timer && this.urls.length > 1) {
        this.timer = setTimeout(() => {
          this.timer = null;
          if (this.client !== client || client.connection === 'live') return;
          client.stop();
          this.index = (this.index + 1) % this.urls.length;
          this.failovers++;
          this.open();
        }, this.failoverAfterMs);
      }
    });
    client.start();
  }

  stop(): void {
    if (this.timer) clearTimeout(this.timer);
    this.client.stop();
  }
}

/** The clerk types continuously through the client library (resends with the same clientKey). */
export function clerkWriting(url: string, hearingId: string, token: string, everyMs = 20) {
  const client = new LiveClient({ hearingId, url, token, socketOptions, ackTimeoutMs: 3000 }).start();
  let running = true;
  let sent = 0;
  const errors: string[] = [];
  const done = (async () => {
    while (running) {
      try {
        await client.send({ speaker: '主持人', text: `第${++sent}段发言` });
      } catch (err) {
        errors.push(String(err));
      }
      await new Promise((r) => setTimeout(r, everyMs));
    }
  })();
  return {
    client,
    errors,
    get sent() {
      return sent;
    },
    stop: async () => {
      running = false;
      await done;
      client.stop();
    },
  };
}

export const range = (from: number, to: number) => Array.from({ length: Math.max(0, to - from + 1) }, (_, i) => from + i);
