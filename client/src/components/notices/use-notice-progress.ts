import { useEffect, useState } from 'react';
import { io } from 'socket.io-client';
import { ApiError, session, type ErrorParams } from '../../api/client';
import type { Progress } from '../../api/notice-types';
import { WEBSOCKET_FIRST } from '../../live/live-client';

export type SocketState = 'connecting' | 'live' | 'offline' | 'refused';

/**
 * The live counts of a draft's notice run over the `/notices` socket namespace: joining answers
 * with the current counts, then `notices:progress` brings every change. After a reconnect the
 * join is repeated, so the counts catch up by themselves.
 */
export function useNoticeProgress(draftId: string): { progress: Progress | null; state: SocketState; error: Error | null } {
  const [progress, setProgress] = useState<Progress | null>(null);
  const [state, setState] = useState<SocketState>('connecting');
  const [error, setError] = useState<Error | null>(null);
  useEffect(() => {
    const socket = io('/notices', { ...WEBSOCKET_FIRST, auth: { token: session.token ?? '' } });
    const join = () =>
      socket.emit('join', { draftId }, (ack: { ok?: true; progress?: Progress; error?: RefusalBody }) => {
        if (ack?.ok && ack.progress) {
          setProgress(ack.progress);
          setState('live');
        } else {
          setState('refused');
          setError(refusal(ack?.error ?? { statusCode: 0, message: 'join refused' }));
        }
      });
    socket.on('connect', join);
    socket.on('disconnect', () => setState('offline'));
    socket.on('connect_error', (e: Error & { data?: RefusalBody }) => {
      setState(e.data ? 'refused' : 'offline');
      if (e.data?.message) setError(refusal(e.data));
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

/** The error body the namespace answers with (as over HTTP), as an ApiError for ErrorNote. */
type RefusalBody = { statusCode: number; message: string; code?: string; params?: ErrorParams };
const refusal = (b: RefusalBody) => new ApiError(b.statusCode, b.message, b.code, b.params);
