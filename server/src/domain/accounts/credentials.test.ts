import { describe, expect, it } from 'vitest';
import { lockoutAfter_s, loginKey } from './credentials';

describe('login throttling', () => {
  it('locks a login out from the fifth wrong password, doubling up to 15 minutes', () => {
    expect([1, 4, 5, 6, 7, 20].map(lockoutAfter_s)).toEqual([0, 0, 30, 60, 120, 900]);
  });

  it('counts a login whatever its case', () => {
    expect(loginKey(' Marie.Dupont ')).toBe('marie.dupont');
  });
});
