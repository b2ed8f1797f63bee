import type { Catalog } from './catalog.js';

// Messages of the engine area. Keys are namespaced 'engine.*'.
export const en = {} as const;

export const zh: Catalog<typeof en> = {};
