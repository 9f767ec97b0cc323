import fs from 'node:fs';
import path from 'node:path';
import { screen } from '@testing-library/react';
import { renderTestApp } from '@backstage/frontend-test-utils';
import catalogPlugin from '@backstage/plugin-catalog/alpha';
import orgPlugin from '@backstage/plugin-org/alpha';
import { catalogApiRef } from '@backstage/plugin-catalog-react';
import {
  catalogApiMock,
  createTestEntityPage,
} from '@backstage/plugin-catalog-react/testUtils';
import {
  EnvironmentsApi,
  environmentsApiRef,
} from '@paved/plugin-environments';
import environmentsPlugin from '@paved/plugin-environments/alpha';

/** The `app.extensions` entries of the portal's app-config.yaml that are bare ids. */
function configuredExtensionIds(): string[] {
  const text = fs.readFileSync(
    path.resolve(__dirname, '../../../app-config.yaml'),
    'utf8',
  );
  const app = text.split(/^app:\n/m)[1].split(/^\S/m)[0];
  const extensions = app.split(/^ {2}extensions:\n/m)[1].split(/^ {2}\S/m)[0];
  return [...extensions.matchAll(/^ {4}- ([\w/-]+:[\w/-]+)\s*$/gm)].map(
    m => m[1],
  );
}

/** The config's order for the cards a test installs: naming others would fail the app. */
const orderOf = (extensions: string[], installed: string[]) =>
  extensions.filter(id => installed.includes(id));

const checkoutApi = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name: 'checkout-api', namespace: 'default' },
  spec: { type: 'service', lifecycle: 'production', owner: 'checkout-team' },
};

const checkoutTeam = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Group',
  metadata: { name: 'checkout-team', namespace: 'default' },
  spec: { type: 'team', children: [] },
};

// Only the calls the cards make for an entity without environments, requests or goals.
const noTeamEnvironments: Pick<
  EnvironmentsApi,
  'listEnvironments' | 'listGoals'
> = {
  listEnvironments: async () => ({ items: [], totalItems: 0 }),
  listGoals: async () => [],
};

// Only the calls the card makes for a component without environments or requests.
const noEnvironments: Pick<
  EnvironmentsApi,
  'listEnvironments' | 'listRequests'
> = {
  listEnvironments: async () => ({ items: [], totalItems: 0 }),
  listRequests: async () => [],
};

describe("the portal's entity overview", () => {
  it("puts the environments card before the catalog's own cards", async () => {
    const extensions = configuredExtensionIds();
    expect(extensions).toContain('entity-card:environments/environments');

    renderTestApp({
      extensions: [
        createTestEntityPage({ entity: checkoutApi }),
        // Installed in this order, as discovery installs them: the catalog first.
        catalogPlugin.getExtension('entity-card:catalog/depends-on-components'),
        environmentsPlugin.getExtension(
          'entity-card:environments/environments',
        ),
      ],
      config: {
        app: {
          extensions: orderOf(extensions, [
            'entity-card:environments/environments',
          ]),
        },
      },
      apis: [
        [catalogApiRef, catalogApiMock({ entities: [checkoutApi] })],
        [environmentsApiRef, noEnvironments as EnvironmentsApi],
      ],
    });

    const environments = await screen.findByText(
      'No environments yet',
      {},
      { timeout: 20_000 },
    );
    const dependencies = await screen.findByText(
      'Depends on components',
      {},
      { timeout: 20_000 },
    );
    expect(
      environments.compareDocumentPosition(dependencies) &
        Node.DOCUMENT_POSITION_FOLLOWING,
    ).toBeTruthy();
  }, 60_000);

  it("puts the team's environments card before the members on a group's overview", async () => {
    const extensions = configuredExtensionIds();
    expect(extensions).toContain('entity-card:environments/team-environments');

    renderTestApp({
      extensions: [
        createTestEntityPage({ entity: checkoutTeam }),
        orgPlugin.getExtension('entity-card:org/members-list'),
        environmentsPlugin.getExtension(
          'entity-card:environments/team-environments',
        ),
      ],
      config: {
        app: {
          extensions: orderOf(extensions, [
            'entity-card:environments/team-environments',
          ]),
        },
      },
      apis: [
        [catalogApiRef, catalogApiMock({ entities: [checkoutTeam] })],
        [environmentsApiRef, noTeamEnvironments as EnvironmentsApi],
      ],
    });

    const team = await screen.findByText(
      'The team owns no environment yet.',
      {},
      { timeout: 20_000 },
    );
    const members = await screen.findByText(
      'This group has no members.',
      {},
      { timeout: 20_000 },
    );
    expect(
      team.compareDocumentPosition(members) & Node.DOCUMENT_POSITION_FOLLOWING,
    ).toBeTruthy();
  }, 60_000);
});
