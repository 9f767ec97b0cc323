/** Portal-relative: the notifications front end resolves it against the app's URL. */
export function entityLink(entityRef: string): string {
  const [kind, rest] = entityRef.split(':');
  const [namespace, name] = rest.includes('/')
    ? rest.split('/')
    : ['default', rest];
  return `/catalog/${namespace}/${kind}/${name}`;
}
