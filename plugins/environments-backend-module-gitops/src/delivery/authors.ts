import { GitAuthor } from '../git/GitRepository';

/**
 * How the provider names the author of a commit for the ref of whoever asked for it.
 * @public
 */
export type AuthorResolver = (requestedBy: string) => Promise<GitAuthor>;

const RECONCILER: GitAuthor = {
  name: 'Paved reconciler',
  email: 'reconciler@paved.invalid',
};

/**
 * The author of a commit: the requesting user's profile from the catalog when it has one,
 * else their entity ref; restores by the reconciler are its own.
 *
 * @public
 */
export function createAuthorResolver(
  profileOf: (
    ref: string,
  ) => Promise<{ displayName?: string; email?: string } | undefined>,
): AuthorResolver {
  return async requestedBy => {
    if (!requestedBy.startsWith('user:')) {
      return requestedBy === 'paved:reconciler'
        ? RECONCILER
        : { name: requestedBy, email: 'paved@paved.invalid' };
    }
    const profile = await profileOf(requestedBy).catch(() => undefined);
    const name = requestedBy.slice(requestedBy.lastIndexOf('/') + 1);
    return {
      name: profile?.displayName ?? requestedBy,
      email: profile?.email ?? `${name}@users.paved.invalid`,
    };
  };
}
