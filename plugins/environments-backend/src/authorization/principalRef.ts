import { BackstageCredentials } from '@backstage/backend-plugin-api';

/** Who asked: the user's entity ref, or the service's subject. */
export function principalRef(credentials: BackstageCredentials): string {
  const principal = credentials.principal as {
    type: string;
    userEntityRef?: string;
    subject?: string;
  };
  if (principal.type === 'user' && principal.userEntityRef)
    return principal.userEntityRef;
  return principal.subject ?? principal.type;
}
