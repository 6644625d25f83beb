import { describe, expect, it } from 'vitest';
import { createSSRApp, h } from 'vue';
import { renderToString } from 'vue/server-renderer';
import type { ScenarioAnswer } from '../../api/types';
import ScenarioPanel from './ScenarioPanel.vue';

const ANSWER = {
  name: 'Deux MAM à 15 min',
  year: 2024,
  minutes: 15,
  children_gaining: 132.4,
  children_losing: 3,
  territories: [
    {
      level: 'commune',
      code: '99001',
      name: 'Brugeuil',
      coverage_before: 121.5,
      coverage_after: 121.5,
      accessibility_before: 28.1,
      accessibility_after: 41.7,
      children_gaining: 4.2,
      children_losing: 0,
    },
  ],
  cells: [],
  metadata: { fictional: true, datasets: [] },
} as unknown as ScenarioAnswer;

const render = (props: { canSave: boolean; saved?: { author: string; updated: string } | null }) =>
  renderToString(
    createSSRApp({ render: () => h(ScenarioPanel, { answer: ANSWER, link: '/x', ...props }) }),
  );

describe('the scenario panel', () => {
  it('shows the difference map’s legend, the rates and the children gaining and losing per territory', async () => {
    const html = await render({ canSave: false });
    expect(html).toContain('Enfants qui gagneraient une crèche ou une MAM (à moins de 15 min)');
    expect(html).toContain('Enfants qui la perdraient');
    expect(html).toMatch(/<td[^>]*>28,1<\/td><td[^>]*>41,7<\/td><td[^>]*>\+13,6<\/td>/);
    expect(html).toMatch(/<td class="gain"[^>]*>4<\/td><td class="loss"[^>]*>0<\/td>/);
    expect(html).toContain('data-testid="scenario-export"');
  });

  it('offers saving to a planner only, and says who saved a saved one', async () => {
    expect(await render({ canSave: false })).not.toContain('data-testid="scenario-save"');
    expect(await render({ canSave: true })).toContain('data-testid="scenario-save"');
    const saved = await render({
      canSave: false,
      saved: { author: 'Marc Petit', updated: '14/03/2025 à 10:02' },
    });
    expect(saved).toContain('Enregistré par Marc Petit, le 14/03/2025 à 10:02.');
  });
});
