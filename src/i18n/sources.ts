import type { Catalog } from './catalog.js';

// Messages of the sources area. Keys are namespaced 'sources.*'.
export const en = {} as const;

export const zh: Catalog<typeof en> = {};
