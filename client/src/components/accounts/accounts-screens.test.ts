import { createPinia, setActivePinia, type Pinia } from 'pinia';
import { beforeEach, describe, expect, it } from 'vitest';
import { createSSRApp, h, type Component } from 'vue';
import { createMemoryHistory, createRouter } from 'vue-router';
import { renderToString } from 'vue/server-renderer';
import { useSessionStore, type SessionUser } from '../../stores/session';
import AdministrationView from '../../views/administration/AdministrationView.vue';
import SignInView from '../../views/sign-in/SignInView.vue';
import UserMenu from '../layout/UserMenu.vue';

// Rendered without a DOM through Vue's server renderer, as the other panels.
const ADMIN: SessionUser = {
  id: 1,
  login: 'admin',
  displayName: 'Alice Admin',
  role: 'admin',
  territories: [],
};
const PLANNER: SessionUser = {
  id: 2,
  login: 'paul',
  displayName: 'Paul',
  role: 'planner',
  territories: [{ level: 'departement', code: '18' }],
};

let pinia: Pinia;
async function render(component: Component, user: SessionUser | null) {
  useSessionStore(pinia).user = user;
  // Two stand-in routes: the dashboard's router would load the map (and its workers).
  const router = createRouter({
    history: createMemoryHistory(),
    routes: ['/', '/connexion'].map((path) => ({ path, component: { render: () => null } })),
  });
  await router.push('/');
  const app = createSSRApp({ render: () => h(component) })
    .use(pinia)
    .use(router);
  return renderToString(app);
}

describe('the account screens', () => {
  beforeEach(() => {
    pinia = createPinia();
    setActivePinia(pinia);
  });

  it('offers the public a sign-in link and no admin control', async () => {
    expect(await render(UserMenu, null)).toContain('Se connecter');
    const admin = await render(AdministrationView, null);
    expect(admin).toContain('Connectez-vous');
    expect(admin).not.toContain('Ajouter un compte');
    expect(admin).not.toContain('Désactiver');
  });

  it('shows a planner who is signed in, with the menu, and still no admin control', async () => {
    const menu = await render(UserMenu, PLANNER);
    expect(menu).toContain('Connecté·e : Paul (chargé·e d’études)');
    expect(menu).toContain('Se déconnecter');
    expect(menu).toContain('Changer le mot de passe');
    expect(await render(AdministrationView, PLANNER)).not.toContain('Ajouter un compte');
  });

  it('gives an admin the accounts screen', async () => {
    const html = await render(AdministrationView, ADMIN);
    expect(html).toContain('Ajouter un compte');
    expect(html).toMatch(
      /<label for="new-password"[^>]*>Mot de passe \(12 caractères au moins\)<\/label>/,
    );
  });

  it('labels every field of the sign-in form', async () => {
    const html = await render(SignInView, null);
    expect(html).toMatch(/<label for="sign-in-login"[^>]*>Identifiant<\/label>/);
    expect(html).toMatch(/<label for="sign-in-password"[^>]*>Mot de passe<\/label>/);
    expect(html).toMatch(/autocomplete="current-password"/);
    expect(html).toMatch(/role="alert"/);
  });
});
