/** `${{ parameters.name }}`, as a template's steps write a reference to a form field. */
const REFERENCE = /\$\{\{\s*parameters\.([\w.]+)\s*\}\}/g;

function read(formData: Record<string, unknown>, path: string): unknown {
  return path
    .split('.')
    .reduce<unknown>(
      (value, key) =>
        value && typeof value === 'object'
          ? (value as Record<string, unknown>)[key]
          : undefined,
      formData,
    );
}

/**
 * A value written in a template's `ui:options` with the form's values put in, the way
 * the template's steps say them: a string that is only `${{ parameters.x }}` becomes the
 * value itself (a number stays a number, a list a list), one that has it among other
 * text gets it as text. The form does not evaluate templates, so the field does this
 * much itself; filters and expressions are left alone.
 */
export function fillFromForm(
  value: unknown,
  formData: Record<string, unknown>,
): unknown {
  if (typeof value === 'string') {
    const whole = /^\$\{\{\s*parameters\.([\w.]+)\s*\}\}$/.exec(value);
    if (whole) return read(formData, whole[1]);
    return value.replace(REFERENCE, (_, path) => {
      const found = read(formData, path);
      return found === undefined || found === null ? '' : String(found);
    });
  }
  if (Array.isArray(value)) return value.map(v => fillFromForm(v, formData));
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value).map(([k, v]) => [k, fillFromForm(v, formData)]),
    );
  }
  return value;
}
