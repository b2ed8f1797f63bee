import type { Catalog } from './catalog.js';

// Messages of the interview area. Keys are namespaced 'interview.*'.
export const en = {} as const;

export const zh: Catalog<typeof en> = {};
