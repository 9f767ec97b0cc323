/**
 * Spells a case-insensitive regex out for JSON Schema, whose patterns take no flags:
 * `group:` becomes `[Gg][Rr][Oo][Uu][Pp]:` and `[a-z0-9]` becomes `[a-zA-Z0-9]`.
 */
export function caseInsensitivePattern(source: string): string {
  let out = '';
  let inClass = false;
  for (let i = 0; i < source.length; i++) {
    const char = source[i];
    if (char === '\\') {
      out += source.slice(i, i + 2);
      i++;
    } else if (inClass) {
      if (char === ']') {
        inClass = false;
        out += char;
      } else if (
        source[i + 1] === '-' &&
        /^[a-z]{2}$/i.test(char + source[i + 2])
      ) {
        // A letter range keeps its own case and gains the other one.
        const range = source.slice(i, i + 3);
        out += range + swapCase(range);
        i += 2;
      } else {
        out += /[a-z]/i.test(char) ? char + swapCase(char) : char;
      }
    } else if (char === '[') {
      inClass = true;
      out += char;
    } else {
      out += /[a-z]/i.test(char) ? `[${char}${swapCase(char)}]` : char;
    }
  }
  return out;
}

function swapCase(text: string): string {
  return [...text]
    .map(c => (c === c.toLowerCase() ? c.toUpperCase() : c.toLowerCase()))
    .join('');
}
