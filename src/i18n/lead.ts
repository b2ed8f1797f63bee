import type { Catalog } from './catalog.js';

// Messages of the lead area. Keys are namespaced 'lead.*'.
export const en = {} as const;

export const zh: Catalog<typeof en> = {};
