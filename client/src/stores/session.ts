import { defineStore } from 'pinia';
import { deleteSession, fetchSession, postSession, putPassword } from '../api/accounts';
import { ApiError, setCsrfToken, type Fetch } from '../api/client';

export type Role = 'planner' | 'reviewer' | 'admin';

/** The signed-in user as `GET /api/session` gives it. */
export interface SessionUser {
  id: number;
  login: string;
  displayName: string;
  role: Role;
  territories: { level: 'departement' | 'epci' | 'ept' | 'commune'; code: string }[];
  /** For each EPT among the territories, the communes it reaches. */
  eptCommunes?: Record<string, string[]>;
}

/** The roles in French, as the dashboard names them. */
export const ROLE_LABELS: Record<Role, string> = {
  planner: 'chargé·e d’études',
  reviewer: 'relecteur·rice (élu, PMI, Caf)',
  admin: 'administrateur·rice',
};

/** A refusal of the server in words for the person at the keyboard. */
export function signInMessage(error: unknown): string {
  if (error instanceof ApiError) {
    if (error.status === 401) return 'Identifiant ou mot de passe incorrect.';
    if (error.status === 429)
      return 'Trop de tentatives : patientez quelques minutes avant de réessayer.';
    if (error.status === 400) return 'Saisissez un identifiant et un mot de passe.';
    if (error.status === 403) return 'La page a expiré : rechargez-la puis réessayez.';
    if (error.status === 0) return error.message;
  }
  return 'La connexion a échoué : réessayez dans un instant.';
}

/**
 * Who uses the dashboard: nobody (the public) or a signed-in user. Screens read it to show the
 * controls a role may use; the server decides what is allowed, whatever a screen shows. Each
 * answer of the server carries the CSRF token the next writes send (api/client.ts).
 */
export const useSessionStore = defineStore('session', {
  state: () => ({ user: null as SessionUser | null, loaded: false }),
  getters: {
    signedIn: (s) => s.user !== null,
  },
  actions: {
    hasRole(...roles: Role[]) {
      return this.user !== null && roles.includes(this.user.role);
    },
    /** Who is signed in, and the CSRF token; the public when the server cannot say. */
    async load(f?: Fetch) {
      try {
        const answer = await fetchSession(f);
        this.user = answer.user;
        setCsrfToken(answer.csrfToken);
      } catch {
        this.user = null;
      } finally {
        this.loaded = true;
      }
    },
    /** Sign in; throws the server's refusal ({@link signInMessage} words it). */
    async signIn(login: string, password: string, f?: Fetch) {
      if (!this.loaded) await this.load(f);
      const answer = await postSession(login, password, f);
      this.user = answer.user;
      setCsrfToken(answer.csrfToken);
    },
    async signOut(f?: Fetch) {
      try {
        const answer = await deleteSession(f);
        setCsrfToken(answer.csrfToken);
      } finally {
        this.user = null;
      }
    },
    changePassword(currentPassword: string, newPassword: string, f?: Fetch) {
      return putPassword(currentPassword, newPassword, f);
    },
  },
});
