import { describe, expect, it } from 'vitest';
import { createPinia } from 'pinia';
import { createSSRApp, h } from 'vue';
import { renderToString } from 'vue/server-renderer';
import type { ZoneReviewAnswer } from '../../api/types';
import { useSessionStore, type SessionUser } from '../../stores/session';
import ZoneReviewPanel from './ZoneReviewPanel.vue';

const person = { id: 4, name: 'Claire Dubois' };
const ANSWER: ZoneReviewAnswer = {
  zone: {
    id: 'gz-aaaaaaaaaaaa',
    status: 'active',
    successors: [],
    communes: ['18001'],
    epcis: ['200000018'],
    departements: ['18'],
  },
  review: {
    zone_id: 'gz-aaaaaaaaaaaa',
    status: 'confirmee',
    status_label: 'confirmée',
    assignee: person,
    version: 1,
    updated_at: '2025-03-14T09:02:00.000Z',
    updated_by: person,
  },
  comments: [
    {
      id: 1,
      zone_id: 'gz-aaaaaaaaaaaa',
      text: 'Familles des hameaux sans solution.',
      author: person,
      created_at: '2025-03-14T09:03:00.000Z',
    },
  ],
  decisions: [
    {
      id: 2,
      zone_id: 'gz-aaaaaaaaaaaa',
      text: 'Étudier une MAM.',
      decided_on: '2025-03-14',
      link: { kind: 'scenario', ref: '18' },
      author: person,
      created_at: '2025-03-14T09:04:00.000Z',
    },
  ],
  audit: [
    {
      id: 3,
      zone_id: 'gz-aaaaaaaaaaaa',
      at: '2025-03-14T09:02:00.000Z',
      actor: person,
      action: 'review',
      before: { status: 'a_examiner' },
      after: { status: 'confirmee', version: 1 },
    },
  ],
  inherited: [
    {
      zone_id: 'gz-bbbbbbbbbbbb',
      status: 'split',
      via: 'gz-aaaaaaaaaaaa',
      review: {
        ...({} as ZoneReviewAnswer['review']),
        status: 'action_prevue',
        status_label: 'action prévue',
        assignee: null,
      },
      comments: [],
      decisions: [],
      audit: [],
    },
  ],
};

const user = (role: SessionUser['role'], departement: string): SessionUser => ({
  id: 7,
  login: 'u7',
  displayName: 'Marc Petit',
  role,
  territories: [{ level: 'departement', code: departement }],
});

function render(who: SessionUser | null) {
  const app = createSSRApp({ render: () => h(ZoneReviewPanel, { answer: ANSWER }) });
  const pinia = createPinia();
  app.use(pinia);
  useSessionStore(pinia).user = who;
  return renderToString(app);
}

describe('the review panel of a zone', () => {
  it('shows a reviewer of the zone’s territory its review, history and the controls', async () => {
    const html = await render(user('reviewer', '18'));
    expect(html).toContain('confirmée');
    expect(html).toContain('Claire Dubois a changé statut : à examiner → confirmée');
    expect(html).toContain('Familles des hameaux sans solution.');
    expect(html).toContain('Étudier une MAM.');
    // The decision's saved scenario opens on the Projet de MAM screen.
    expect(html).toContain('href="/projet-mam?scenario=18"');
    expect(html).toContain('Scénario n° 18');
    expect(html).toContain('reprend l’historique de la zone gz-bbbbbbbbbbbb (scindée)');
    for (const form of ['review-controls', 'decision-form', 'comment-form']) {
      expect(html).toContain(`data-testid="${form}"`);
    }
  });

  it('shows a planner, or a reviewer of another territory, the review without controls', async () => {
    for (const who of [user('planner', '18'), user('reviewer', '36')]) {
      const html = await render(who);
      expect(html).toContain('Étudier une MAM.');
      expect(html).not.toContain('data-testid="review-controls"');
      expect(html).not.toContain('data-testid="comment-form"');
      expect(html).not.toContain('data-testid="decision-form"');
    }
  });

  it('shows the public nothing of the review', async () => {
    const html = await render(null);
    expect(html).not.toContain('zone-review');
    expect(html).not.toContain('Étudier une MAM.');
    expect(html).not.toContain('confirmée');
  });
});
