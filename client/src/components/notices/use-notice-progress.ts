import { useEffect, useState } from 'react';
import { io } from 'socket.io-client';
import { session } from '../../api/client';
import type { Progress } from '../../api/notice-types';

export type SocketState = 'connecting' | 'live' | 'offline' | 'refused';

/**
 * The live counts of a draft's notice run over the `/notices` socket namespace: joining answers
 * with the current counts, then `notices:progress` brings every change. After a reconnect the
 * join is repeated, so the counts catch up by themselves.
 */
export function useNoticeProgress(draftId: string): { progress: Progress | null; state: SocketState; error: string | null } {
  const [progress, setProgress] = useState<Progress | null>(null);
  const [state, setState] = useState<SocketState>('connecting');
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    const socket = io('/notices', { auth: { token: session.token ?? '' }, transports: ['websocket', 'polling'] });
    const join = () =>
      socket.emit('join', { draftId }, (ack: { ok?: true; progress?: Progress; error?: { message: string } }) => {
        if (ack?.ok && ack.progress) {
          setProgress(ack.progress);
          setState('live');
        } else {
          setState('refused');
          setError(ack?.error?.message ?? 'join refused');
        }
      });
    socket.on('connect', join);
    socket.on('disconnect', () => setState('offline'));
    socket.on('connect_error', (e: Error & { data?: { message?: string } }) => {
      setState(e.data ? 'refused' : 'offline');
      if (e.data?.message) setError(e.data.message);
    });
    socket.on('notices:progress', (p: Progress) => {
      if (p.draftId === draftId) setProgress(p);
    });
    return () => {
      socket.disconnect();
    };
  }, [draftId]);
  return { progress, state, error };
}
