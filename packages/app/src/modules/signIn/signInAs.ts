import { IdentityApi } from '@backstage/core-plugin-api';

/** Who the portal signs in as, and what the sign-in page says about them. */
export type SignInChoice = {
  /** The auth backend's provider id. */
  provider: string;
  title: string;
  description: string;
  /** The button's label; the guest keeps Backstage's own "Enter". */
  action: string;
};

export const SIGN_IN_CHOICES: SignInChoice[] = [
  {
    provider: 'guest',
    title: 'Guest',
    description:
      'A developer of the checkout and storefront teams: requests environments and sees their own.',
    action: 'Enter',
  },
  {
    provider: 'platform-engineer',
    title: 'Priya Raman, platform team',
    description:
      'A platform engineer: approves or rejects the requests and baseline exceptions that wait for the platform team.',
    action: 'Sign in as Priya Raman',
  },
];

const STORAGE_KEY = 'paved:signInAs';

/** The provider chosen last, so a reload signs in as the same person. */
export function rememberedChoice(): string | undefined {
  const provider = window.localStorage.getItem(STORAGE_KEY) ?? undefined;
  return SIGN_IN_CHOICES.some(c => c.provider === provider)
    ? provider
    : undefined;
}

export function rememberChoice(provider: string) {
  window.localStorage.setItem(STORAGE_KEY, provider);
}

/**
 * The identity as the app uses it, forgetting the choice on sign-out: otherwise the
 * next page load would sign in as the same person again and nobody could switch.
 */
export function forgettingOnSignOut(identity: IdentityApi): IdentityApi {
  return {
    getProfileInfo: () => identity.getProfileInfo(),
    getBackstageIdentity: () => identity.getBackstageIdentity(),
    getCredentials: () => identity.getCredentials(),
    signOut: async () => {
      window.localStorage.removeItem(STORAGE_KEY);
      await identity.signOut();
    },
  };
}
