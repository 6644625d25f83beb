import { afterEach, describe, expect, it, vi } from 'vitest';
import { effectScope, reactive, ref } from 'vue';
import { apiError, fakeApi, settle } from '../../test/fake-api';
import { health } from '../../test/fixtures';
import { useDepartements } from './useDepartements';

const DEMO = { departementCode: 'Z1', name: 'Vallée-d’Escaude', fictional: true };
const CHER = { departementCode: '18', name: 'Cher', fictional: false };

function start(departement: string | null) {
  const state = reactive({ departement });
  const scope = effectScope();
  const d = scope.run(() => useDepartements(state, ref(0)))!;
  return { state, d, scope };
}

afterEach(() => vi.unstubAllGlobals());

describe('useDepartements', () => {
  it('shows the first real département beside the demo, and writes it into the link', async () => {
    const api = fakeApi(() => ({ body: health([DEMO, CHER]) }));
    const { state, d, scope } = start(null);
    expect(d.key.value).toBeNull(); // unknown until /api/health answers: no list asked yet
    await settle();
    expect(api.urls()).toEqual(['/api/health']);
    expect(d.shown.value?.departementCode).toBe('18');
    expect(d.key.value).toEqual({ code: '18' });
    expect(state.departement).toBe('18');
    expect(d.hasSwitcher.value).toBe(true);
    expect(d.name.value).toBe('Cher');
    scope.stop();
  });

  it('keeps the département of the link when it is loaded', async () => {
    fakeApi(() => ({ body: health([DEMO, CHER]) }));
    const { state, d, scope } = start('Z1');
    await settle();
    expect(d.shown.value?.name).toBe('Vallée-d’Escaude');
    expect(state.departement).toBe('Z1');
    scope.stop();
  });

  it('with one département loaded, the link names none, whatever it asked for', async () => {
    fakeApi(() => ({ body: health([DEMO]) }));
    const { state, d, scope } = start('18');
    await settle();
    expect(state.departement).toBeNull();
    expect(d.key.value).toEqual({ code: 'Z1' });
    expect(d.hasSwitcher.value).toBe(false);
    scope.stop();
  });

  it('when /api/health fails, the lists load for every département', async () => {
    fakeApi(() => apiError(500, 'internal', 'Erreur interne'));
    const { d, scope } = start(null);
    await settle();
    expect(d.key.value).toEqual({ code: undefined });
    expect(d.health.error.value).toBe('Erreur interne (erreur 500 internal)');
    scope.stop();
  });
});
