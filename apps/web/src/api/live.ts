import { fetchEventSource } from '@microsoft/fetch-event-source';
import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { authHeaders } from './client';

export interface QueueChange {
  type: 'proposal-added' | 'proposal-rescored' | 'proposal-left';
  proposalId: string;
  needId: string;
  status: string;
  municipality: string;
}

class RetriableError extends Error {}

/**
 * Follows the review queue's server-sent events (fetch-based, so the bearer token travels in a header) and
 * refetches the queue on every change; after a reconnect it refetches too, so nothing missed while away stays
 * missing. Returns whether the stream is connected, and the last change, for the page to announce.
 */
export function useReviewQueueLive(municipality: string): { connected?: boolean; last?: QueueChange } {
  const client = useQueryClient();
  const [connected, setConnected] = useState<boolean>();
  const [last, setLast] = useState<QueueChange>();
  useEffect(() => {
    const controller = new AbortController();
    const url = `/matching/review-queue/events${municipality ? `?municipality=${municipality}` : ''}`;
    void fetchEventSource(url, {
      signal: controller.signal,
      headers: authHeaders(),
      openWhenHidden: true,
      async onopen(response) {
        if (!response.ok) throw new RetriableError(`live stream answered ${response.status}`);
        setConnected(true);
        void client.invalidateQueries({ queryKey: ['review-queue'] });
      },
      onmessage(message) {
        if (message.event === 'keep-alive' || !message.data) return;
        const change = { type: message.event, ...JSON.parse(message.data) } as QueueChange;
        setLast(change);
        void client.invalidateQueries({ queryKey: ['review-queue'] });
      },
      onclose() {
        setConnected(false);
        throw new RetriableError('live stream closed');
      },
      onerror() {
        setConnected(false);
        return 2000; // retry in 2 s
      },
    });
    return () => controller.abort();
  }, [client, municipality]);
  return { connected, last };
}
