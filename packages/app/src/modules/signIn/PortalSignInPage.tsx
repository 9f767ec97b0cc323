import { useState } from 'react';
import Button from '@material-ui/core/Button';
import Grid from '@material-ui/core/Grid';
import Typography from '@material-ui/core/Typography';
import {
  Content,
  ContentHeader,
  Header,
  InfoCard,
  Page,
  ProxiedSignInPage,
} from '@backstage/core-components';
import { configApiRef, useApi } from '@backstage/core-plugin-api';
import type { SignInPageProps } from '@backstage/plugin-app-react';
import {
  SIGN_IN_CHOICES,
  forgettingOnSignOut,
  rememberChoice,
  rememberedChoice,
} from './signInAs';

/**
 * Sign in as the guest (a developer) or as Priya (a platform engineer), both without a
 * password through the auth backend's proxy providers. Signing out comes back here, so
 * one person can request as the guest and approve as Priya in the same browser.
 */
export const PortalSignInPage = (props: SignInPageProps) => {
  const title = useApi(configApiRef).getOptionalString('app.title') ?? 'Paved';
  const [provider, setProvider] = useState(rememberedChoice);

  if (provider) {
    return (
      <ProxiedSignInPage
        {...props}
        provider={provider}
        onSignInSuccess={identity => {
          rememberChoice(provider);
          props.onSignInSuccess(forgettingOnSignOut(identity));
        }}
      />
    );
  }

  return (
    <Page themeId="home">
      <Header title={title} />
      <Content>
        <ContentHeader title="Select a sign-in method" />
        <Grid container spacing={2}>
          {SIGN_IN_CHOICES.map(choice => (
            <Grid item xs={12} sm={6} md={4} key={choice.provider}>
              <InfoCard
                title={choice.title}
                variant="fullHeight"
                actions={
                  <Button
                    color="primary"
                    variant="outlined"
                    onClick={() => setProvider(choice.provider)}
                  >
                    {choice.action}
                  </Button>
                }
              >
                <Typography variant="body1">{choice.description}</Typography>
              </InfoCard>
            </Grid>
          ))}
        </Grid>
      </Content>
    </Page>
  );
};
