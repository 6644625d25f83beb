import { describe, expect, it } from 'vitest';
import { KeptForVersion } from './data-versions';

describe('KeptForVersion', () => {
  it('makes a value once per version, shares it between concurrent asks, and forgets a failure', async () => {
    const kept = new KeptForVersion<string>();
    let made = 0;
    const make = (value: string) => () => {
      made++;
      return Promise.resolve(value);
    };
    expect(kept.version).toBeNull();
    const [a, b] = await Promise.all([kept.get('v1', make('one')), kept.get('v1', make('other'))]);
    expect([a, b, made]).toEqual(['one', 'one', 1]);
    expect(kept.version).toBe('v1');
    expect(await kept.get('v2', make('two'))).toBe('two');
    expect(made).toBe(2);

    // A failed making is not kept: the next ask for the same version makes again.
    await expect(kept.get('v3', () => Promise.reject(new Error('down')))).rejects.toThrow('down');
    expect(kept.version).toBeNull();
    expect(await kept.get('v3', make('three'))).toBe('three');
    expect(made).toBe(3);

    kept.clear();
    expect(kept.version).toBeNull();
    expect(await kept.get('v3', make('again'))).toBe('again');
  });
});
