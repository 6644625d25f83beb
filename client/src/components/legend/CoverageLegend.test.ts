import { describe, expect, it } from 'vitest';
import { createSSRApp, h } from 'vue';
import { renderToString } from 'vue/server-renderer';
import CoverageLegend from './CoverageLegend.vue';

describe('CoverageLegend', () => {
  it('lists the five classes and marks the national reference where 60,9 falls', async () => {
    const html = await renderToString(
      createSSRApp({
        render: () =>
          h(CoverageLegend, {
            levelLabel: 'Intercommunalités',
            year: 2024,
            nationalRate: 60.9,
            nationalYear: 2023,
            carriedForward: true,
          }),
      }),
    );
    for (const label of [
      'moins de 40',
      '40 à moins de 55',
      '55 à moins de 70',
      '70 à moins de 85',
      '85 et plus',
    ])
      expect(html).toContain(label);
    expect(html).toMatch(/Référence France 2023 :\s*<strong[^>]*>60,9<\/strong>/);
    expect(html).toContain('left:47.87%');
    expect(html).toContain('Taux de couverture global 2024');
    expect(html).toContain('(dernier chiffre publié)');
  });
});
