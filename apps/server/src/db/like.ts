// LIKE patterns from what a user typed: the wildcards % and _ and the escape character \ (PostgreSQL's default
// ESCAPE) are escaped, so a search for "50%" or "A_1" matches those characters literally on both engines.

/** The text with \ % _ escaped for a LIKE / ILIKE pattern. */
export function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}

/** A pattern matching values that contain the text. */
export function containsPattern(text: string): string {
  return `%${escapeLike(text)}%`;
}

/** A pattern matching values that start with the text. */
export function prefixPattern(text: string): string {
  return `${escapeLike(text)}%`;
}
