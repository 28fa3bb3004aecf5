import type { RoleHome } from '@chengguan/contracts';
import { api } from './client.ts';

export const homeApi = {
  /** The signed-in user's home: 待办, 预警 and the numbers of his scope. */
  get: (signal?: AbortSignal) => api.get<RoleHome>('/api/v1/home', undefined, signal),
};
