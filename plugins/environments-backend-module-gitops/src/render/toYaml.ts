import { parseDocument, stringify } from 'yaml';

/**
 * One fixed way of writing YAML: keys sorted at every level, no line folding, no anchors,
 * so the same object is always the same bytes.
 */
export function toYaml(value: unknown): string {
  return stringify(value, {
    sortMapEntries: true,
    lineWidth: 0,
    indent: 2,
    aliasDuplicateObjects: false,
  });
}

/** A YAML file's objects, or undefined when it is not valid YAML. */
export function parseYaml(text: string): unknown {
  const document = parseDocument(text);
  return document.errors.length ? undefined : document.toJS();
}
