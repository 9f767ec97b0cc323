import { Content, Header, Page } from '@backstage/core-components';
import { EnvironmentsTabs } from './EnvironmentsTabs';

/**
 * The page with its own header, for apps on the legacy frontend system; the new one
 * draws the header from the page extension's title.
 */
export const LegacyEnvironmentsPage = () => (
  <Page themeId="tool">
    <Header
      title="Environments"
      subtitle="Every environment of every component and system"
    />
    <Content noPadding>
      <EnvironmentsTabs />
    </Content>
  </Page>
);
