import { defineStore } from 'pinia';

export type Role = 'planner' | 'reviewer' | 'admin';

/** The signed-in user as `GET /api/session` gives it. */
export interface SessionUser {
  id: number;
  login: string;
  displayName: string;
  role: Role;
  territories: { level: 'departement' | 'epci' | 'commune'; code: string }[];
}

/**
 * Who uses the dashboard: nobody (the public) or a signed-in user. Screens read it to show the
 * controls a role may use; the server decides what is allowed, whatever a screen shows.
 */
export const useSessionStore = defineStore('session', {
  state: () => ({ user: null as SessionUser | null }),
  getters: {
    signedIn: (s) => s.user !== null,
  },
  actions: {
    hasRole(...roles: Role[]) {
      return this.user !== null && roles.includes(this.user.role);
    },
  },
});
