import type { Catalog } from './catalog.js';

// Messages of the csv area. Keys are namespaced 'csv.*'.
export const en = {} as const;

export const zh: Catalog<typeof en> = {};
