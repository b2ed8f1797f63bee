/** The price as the rules use it: a price of 0 or below asks for nothing to weigh, so it counts as unknown (METHOD v2). */
export function knownPrice(price: number | undefined): number | undefined {
  return price !== undefined && price > 0 ? price : undefined;
}
