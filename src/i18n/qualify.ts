import type { Catalog } from './catalog.js';

// Messages of the qualify area. Keys are namespaced 'qualify.*'.
export const en = {} as const;

export const zh: Catalog<typeof en> = {};
