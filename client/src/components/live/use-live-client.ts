import { useEffect, useMemo, useState } from 'react';
import { session } from '../../api/client';
import { ConnectionState, HearingStateEvent, LiveClient, LiveError, LiveSegment, PendingSegment } from '../../live/live-client';

export interface LiveView {
  client: LiveClient;
  connection: ConnectionState;
  hearing: HearingStateEvent | null;
  segments: LiveSegment[];
  pending: readonly PendingSegment[];
  error: LiveError | null;
}

/**
 * One LiveClient (client/src/live/live-client.ts) per page and hearing, its events turned into
 * React state. The client does the ordering, the catch-up after a reconnect and the send queue.
 */
export function useLiveClient(hearingId: string): LiveView {
  const client = useMemo(() => new LiveClient({ hearingId, token: () => session.token }), [hearingId]);
  const [connection, setConnection] = useState<ConnectionState>(client.connection);
  const [hearing, setHearing] = useState<HearingStateEvent | null>(null);
  const [segments, setSegments] = useState<LiveSegment[]>([]);
  const [pending, setPending] = useState<readonly PendingSegment[]>([]);
  const [error, setError] = useState<LiveError | null>(null);
  useEffect(() => {
    // Segments may arrive in bursts (the catch-up): render once per frame, not once per segment.
    let frame = 0;
    const refresh = () => {
      if (frame) return;
      frame = requestAnimationFrame(() => {
        frame = 0;
        setSegments(client.transcript());
      });
    };
    const offs = [
      client.on('segment', refresh),
      client.on('connection', (c) => {
        setConnection(c);
        if (c === 'live') setError(null);
      }),
      client.on('hearing', setHearing),
      client.on('pending', setPending),
      client.on('error', setError),
    ];
    client.start();
    return () => {
      offs.forEach((off) => off());
      cancelAnimationFrame(frame);
      client.stop();
    };
  }, [client]);
  return { client, connection, hearing, segments, pending, error };
}
