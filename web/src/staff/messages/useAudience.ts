import type { MessageTargeting } from '@wardpulse/domain';
import { useEffect, useState } from 'react';
import { useMessagesApi } from './client.ts';
import { useDebounced } from '../shared/hooks.ts';
import { peopleText } from './draft.ts';

export type Audience = { state: 'unsaved' | 'stale' | 'loading' | 'failed'; total?: undefined } | { state: 'ready'; total: number };

const AUDIENCE_DELAY_MS = 600;

/**
 * How many signed-up residents the message would reach, counted by the API (no personal data
 * leaves it: a number). Re-counted, once the choice settles, whenever the saved targeting changes.
 */
export function useAudience(messageId: string | null, revision: number, targeting: MessageTargeting, targetingDirty: boolean): Audience {
  const messagesApi = useMessagesApi();
  const [audience, setAudience] = useState<Audience>({ state: messageId ? 'loading' : 'unsaved' });
  const settled = useDebounced(`${messageId ?? ''}#${revision}`, AUDIENCE_DELAY_MS);
  void targeting;

  useEffect(() => {
    if (!messageId) {
      setAudience({ state: 'unsaved' });
      return;
    }
    if (targetingDirty) {
      setAudience({ state: 'stale' });
      return;
    }
    if (settled !== `${messageId}#${revision}`) return;
    let live = true;
    setAudience({ state: 'loading' });
    messagesApi
      .audience(messageId)
      .then((count) => live && setAudience({ state: 'ready', total: count.total }))
      .catch(() => live && setAudience({ state: 'failed' }));
    return () => {
      live = false;
    };
  }, [messagesApi, messageId, revision, settled, targetingDirty]);
  return audience;
}

/** The composer's audience line: "This message would go to 1,204 people.", or why it is not counted. */
export const audienceWords = (audience: Audience): string =>
  audience.state === 'ready'
    ? `This message would go to ${peopleText(audience.total)}.`
    : audience.state === 'loading'
      ? 'Counting…'
      : audience.state === 'failed'
        ? 'The audience could not be counted.'
        : audience.state === 'unsaved'
          ? 'Save the draft to count who it would go to.'
          : 'Counting when you stop changing the choice…';
