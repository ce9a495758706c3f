/**
 * Whether a text holds at least `count` of the digits 0 to 9, the digits `\d` matches. A pattern
 * whose every match holds that many digits has nothing to find in a text with fewer, and counting
 * them costs far less than running the pattern: most casework has a few digits at most.
 */
export function hasDigits(text: string, count: number): boolean {
  let found = 0;
  for (let i = 0; i < text.length && found < count; i++) {
    const code = text.charCodeAt(i);
    if (code >= 48 && code <= 57) found++;
  }
  return found >= count;
}
