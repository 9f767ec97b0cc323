import useAsync from 'react-use/esm/useAsync';
import { identityApiRef, useApi } from '@backstage/core-plugin-api';

/** The signed-in user's entity ref, undefined until known. */
export function useSignedInUser(): string | undefined {
  const identity = useApi(identityApiRef);
  const { value } = useAsync(
    async () => (await identity.getBackstageIdentity()).userEntityRef,
    [identity],
  );
  return value;
}
