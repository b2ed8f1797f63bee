// The method version alone, so that a store or command that only stamps or compares it (lead list, top20 list, today,
// an import's writer) does not load the rules: eleven modules, ~8 ms of a read's start.

/** The version of the method (docs/method.md, "Method versions") the rules and score implement; every result and stored qualification carries it. */
export const METHOD_VERSION = 2;
