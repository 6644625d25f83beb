import { createPinia } from 'pinia';
import { createApp } from 'vue';
import App from './App.vue';
import { useUrlState } from './composables/useUrlState';
import { createDashboardRouter } from './router';
import { useCoverageMapStore } from './stores/coverage-map';
import { useDashboardStore } from './stores/dashboard';
import { useSessionStore } from './stores/session';
import './styles/base.css';

const pinia = createPinia();
const router = createDashboardRouter();
// Before the router starts: the first page's link is read into the stores before any screen.
useUrlState(router, useDashboardStore(pinia), useCoverageMapStore(pinia));
createApp(App).use(pinia).use(router).mount('#app');
// Who is signed in, and the CSRF token of writes (the public map needs neither to show).
void useSessionStore(pinia).load();
