import { describe, expect, it } from 'vitest';
import { lazyOnce } from './lazy.ts';

describe('lazyOnce', () => {
  it('loads once for any number of concurrent and later uses', async () => {
    let loads = 0;
    const get = lazyOnce(async () => ({ n: ++loads }));
    const [a, b] = await Promise.all([get(), get()]);
    expect(a).toBe(b);
    expect(await get()).toBe(a);
    expect(loads).toBe(1);
  });

  it('forgets a failed load, so the next use tries again', async () => {
    let loads = 0;
    const get = lazyOnce(async () => {
      loads++;
      if (loads === 1) throw new Error('network');
      return 'client';
    });
    await expect(get()).rejects.toThrow('network');
    expect(await get()).toBe('client');
    expect(loads).toBe(2);
  });
});
