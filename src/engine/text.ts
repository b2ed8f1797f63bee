/** A value's trimmed text, or undefined when absent or blank (a blank value sets nothing, and a name of spaces names nobody). */
export function givenText(value: string | undefined): string | undefined {
  const trimmed = value?.trim();
  return trimmed === undefined || trimmed === '' ? undefined : trimmed;
}
