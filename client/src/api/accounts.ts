import type { SessionAnswer, UserRecord } from '../../../contract';
import { getJson, postJson, sendJson, type Fetch } from './client';

/** The session and user endpoints (contract/accounts.ts). */

export type { SessionAnswer, UserRecord };

export interface UserDraft {
  login: string;
  displayName?: string;
  role: UserRecord['role'];
  territories: UserRecord['territories'];
  password: string;
}

export type UserChange = Partial<
  Pick<UserRecord, 'displayName' | 'role' | 'territories' | 'disabled'> & { password: string }
>;

export const fetchSession = (f?: Fetch) => getJson<SessionAnswer>('/session', {}, undefined, f);
export const postSession = (login: string, password: string, f?: Fetch) =>
  postJson<SessionAnswer>('/session', { login, password }, undefined, f);
export const deleteSession = (f?: Fetch) =>
  sendJson<SessionAnswer>('DELETE', '/session', undefined, undefined, f);
export const putPassword = (currentPassword: string, newPassword: string, f?: Fetch) =>
  sendJson<void>('PUT', '/session/password', { currentPassword, newPassword }, undefined, f);

export const fetchUsers = (f?: Fetch) =>
  getJson<{ users: UserRecord[] }>('/users', {}, undefined, f).then((a) => a.users);
export const postUser = (draft: UserDraft, f?: Fetch) =>
  postJson<UserRecord>('/users', draft, undefined, f);
export const patchUser = (id: number, change: UserChange, f?: Fetch) =>
  sendJson<UserRecord>('PATCH', `/users/${id}`, change, undefined, f);
export const deleteUser = (id: number, f?: Fetch) =>
  sendJson<void>('DELETE', `/users/${id}`, undefined, undefined, f);
