import { describe, expect, it } from 'vitest';
import { backoffMs, drainUnprocessed, isContention, RETRY_POLICY, retryContention } from './retry.ts';

const cancelled = (...codes: string[]) => Object.assign(new Error('cancelled'), { name: 'TransactionCanceledException', CancellationReasons: codes.map((Code) => ({ Code })) });

describe('the data layer retry policy', () => {
  it('treats a lost race or a throttled item as contention, and a failed condition or any other error as an answer', () => {
    expect(isContention(cancelled('None', 'TransactionConflict'))).toBe(true);
    expect(isContention(cancelled('ThrottlingError'))).toBe(true);
    expect(isContention(Object.assign(new Error('x'), { name: 'TransactionConflictException' }))).toBe(true);
    expect(isContention(cancelled('ConditionalCheckFailed', 'TransactionConflict'))).toBe(false);
    expect(isContention(cancelled('ValidationError'))).toBe(false);
    expect(isContention(Object.assign(new Error('x'), { name: 'ValidationException' }))).toBe(false);
    expect(isContention('not an error')).toBe(false);
  });

  it('waits a random time under an exponential ceiling capped at the policy maximum', () => {
    expect(backoffMs(1, () => 1)).toBe(RETRY_POLICY.baseMs * 2);
    expect(backoffMs(3, () => 0.5)).toBe(RETRY_POLICY.baseMs * 4);
    expect(backoffMs(30, () => 1)).toBe(RETRY_POLICY.capMs);
    expect(backoffMs(2, () => 0)).toBe(0);
  });

  it('retries contention until the write succeeds', async () => {
    let calls = 0;
    const result = await retryContention(async () => {
      calls++;
      if (calls < 3) throw cancelled('TransactionConflict');
      return 'stored';
    });
    expect(result).toBe('stored');
    expect(calls).toBe(3);
  });

  it('passes any other error through at once', async () => {
    let calls = 0;
    const refused = cancelled('ConditionalCheckFailed');
    await expect(
      retryContention(async () => {
        calls++;
        throw refused;
      }),
    ).rejects.toBe(refused);
    expect(calls).toBe(1);
  });

  it('gives up after the policy attempts with the error the caller chose', async () => {
    let calls = 0;
    await expect(
      retryContention(
        async () => {
          calls++;
          throw cancelled('TransactionConflict');
        },
        () => new Error('busy'),
      ),
    ).rejects.toThrow('busy');
    expect(calls).toBe(RETRY_POLICY.attempts);
  });

  it('sends what a batch left unprocessed until nothing is left, and says so when it never drains', async () => {
    const sent: number[][] = [];
    await drainUnprocessed([1, 2, 3], async (pending) => {
      sent.push(pending);
      return pending.slice(1);
    });
    expect(sent).toEqual([[1, 2, 3], [2, 3], [3]]);

    let calls = 0;
    await expect(
      drainUnprocessed([1], async (pending) => {
        calls++;
        return pending;
      }, 'keys'),
    ).rejects.toThrow(`DynamoDB kept 1 keys unprocessed after ${RETRY_POLICY.attempts} attempts`);
    expect(calls).toBe(RETRY_POLICY.attempts);
  });
});
