/** The zh table of an area must have exactly the keys of its en table: a missing key fails the build. */
export type Catalog<T> = { readonly [K in keyof T]: string };

export type Lang = 'en' | 'zh';
