import { screen } from '@testing-library/react';
import {
  createExtensionTester,
  mockApis,
  renderTestApp,
} from '@backstage/frontend-test-utils';
import { coreExtensionData } from '@backstage/frontend-plugin-api';
import { createTestEntityPage } from '@backstage/plugin-catalog-react/testUtils';
import { FormFieldBlueprint } from '@backstage/plugin-scaffolder-react/alpha';
import { permissionApiRef } from '@backstage/plugin-permission-react';
import { environmentsApiRef } from '../api';
import {
  aDeclaredEnvironment,
  anEnvironment,
  anEnvironmentEntity,
  checkoutApi,
  checkoutSystem,
} from '../__testUtils__/fixtures';
import { fakeEnvironmentsApi } from '../__testUtils__/fakeEnvironmentsApi';
import { aBudgetGoal } from '../__testUtils__/fakeGoals';
import plugin from './index';
import {
  environmentFindingsEntityCard,
  environmentOperationsEntityCard,
  environmentOverviewEntityCard,
  environmentsEntityCard,
  teamEnvironmentsEntityCard,
} from './entityCards';
import { environmentPickerFormField } from './formFields';
import { environmentsPage } from './pages';

// The card is loaded lazily, as in the app; on a busy machine that takes a while.
const LAZY = { timeout: 10_000 };

const apis = (fake = fakeEnvironmentsApi()) =>
  [
    [environmentsApiRef, fake],
    [permissionApiRef, mockApis.permission()],
  ] as const;

describe('environments plugin in the new frontend system (fake API)', () => {
  it('shows the environments card on a component overview', async () => {
    renderTestApp({
      extensions: [
        createTestEntityPage({ entity: checkoutApi }),
        environmentsEntityCard,
      ],
      apis: apis(fakeEnvironmentsApi({ environments: [anEnvironment()] })),
    });

    expect(
      await screen.findByRole('article', { name: 'pr-1' }, LAZY),
    ).toBeInTheDocument();
    expect(screen.getByText('Environments')).toBeInTheDocument();
  });

  it('shows the card on a system', async () => {
    renderTestApp({
      extensions: [
        createTestEntityPage({ entity: checkoutSystem }),
        environmentsEntityCard,
      ],
      apis: apis(fakeEnvironmentsApi({ environments: [anEnvironment()] })),
    });

    expect(
      await screen.findByRole('article', { name: 'pr-1' }, LAZY),
    ).toBeInTheDocument();
  });

  it('leaves other kinds alone', async () => {
    renderTestApp({
      extensions: [
        createTestEntityPage({
          entity: {
            apiVersion: 'backstage.io/v1alpha1',
            kind: 'API',
            metadata: { name: 'checkout' },
            spec: { type: 'openapi' },
          },
        }),
        environmentsEntityCard,
      ],
      apis: apis(),
    });

    expect(
      await screen.findByTestId('empty-entity-page', {}, LAZY),
    ).toBeInTheDocument();
  });

  it("shows an Environment entity's page its overview and operations, not the environments card", async () => {
    const environment = anEnvironment();
    renderTestApp({
      extensions: [
        createTestEntityPage({ entity: anEnvironmentEntity(environment) }),
        environmentsEntityCard,
        environmentOverviewEntityCard,
        environmentFindingsEntityCard,
        environmentOperationsEntityCard,
      ],
      apis: apis(
        fakeEnvironmentsApi({ environments: [environment], findings: [] }),
      ),
    });

    expect(await screen.findByText('Ready', {}, LAZY)).toBeInTheDocument();
    expect(
      await screen.findByText(
        'Nothing has been done to this environment yet.',
        {},
        LAZY,
      ),
    ).toBeInTheDocument();
    expect(screen.queryByText('Environments')).not.toBeInTheDocument();
  });

  it('shows a declared environment its overview but no operations', async () => {
    renderTestApp({
      extensions: [
        createTestEntityPage({ entity: aDeclaredEnvironment() }),
        environmentOverviewEntityCard,
        environmentFindingsEntityCard,
        environmentOperationsEntityCard,
      ],
      apis: apis(),
    });

    expect(
      await screen.findByText(
        /Declared by hand in a catalog-info.yaml/,
        {},
        LAZY,
      ),
    ).toBeInTheDocument();
    expect(screen.queryByText('Operations')).not.toBeInTheDocument();
    expect(screen.queryByText('Baseline findings')).not.toBeInTheDocument();
  });

  it("shows a group's page the team's environments and goals, and a component's not", async () => {
    const checkoutTeam = {
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'Group',
      metadata: { name: 'checkout-team', namespace: 'default' },
      spec: { type: 'team', children: [] },
    };
    renderTestApp({
      extensions: [
        createTestEntityPage({ entity: checkoutTeam }),
        teamEnvironmentsEntityCard,
      ],
      apis: apis(
        fakeEnvironmentsApi({
          environments: [anEnvironment()],
          goals: [aBudgetGoal()],
        }),
      ),
    });

    expect(
      await screen.findByRole(
        'link',
        { name: "Checkout's environments stay within 600 USD a month" },
        LAZY,
      ),
    ).toBeInTheDocument();
    expect(
      screen.getByRole('link', { name: '1 environment' }),
    ).toBeInTheDocument();
  });

  it('leaves the team card off a component', async () => {
    renderTestApp({
      extensions: [
        createTestEntityPage({ entity: checkoutApi }),
        teamEnvironmentsEntityCard,
      ],
      apis: apis(),
    });

    expect(
      await screen.findByTestId('empty-entity-page', {}, LAZY),
    ).toBeInTheDocument();
  });

  it('mounts the environments page at /environments with a title for the sidebar', () => {
    const tester = createExtensionTester(environmentsPage);

    expect(tester.get(coreExtensionData.routePath)).toBe('/environments');
    expect(tester.get(coreExtensionData.title)).toBe('Environments');
  });

  it('provides the EnvironmentPicker form field', async () => {
    const tester = createExtensionTester(environmentPickerFormField);
    const field = await tester.get(
      FormFieldBlueprint.dataRefs.formFieldLoader,
    )();

    expect(field).toBeDefined();
  });

  it('installs the API, cards (the team card too), page and form field', () => {
    expect(plugin.getExtension('api:environments')).toBeDefined();
    expect(
      plugin.getExtension('entity-card:environments/environments'),
    ).toBeDefined();
    expect(
      plugin.getExtension('entity-card:environments/environment-overview'),
    ).toBeDefined();
    expect(
      plugin.getExtension('entity-card:environments/environment-operations'),
    ).toBeDefined();
    expect(
      plugin.getExtension('entity-card:environments/environment-findings'),
    ).toBeDefined();
    expect(
      plugin.getExtension('entity-card:environments/team-environments'),
    ).toBeDefined();
    expect(plugin.getExtension('page:environments')).toBeDefined();
    expect(
      plugin.getExtension(
        'scaffolder-form-field:environments/environment-picker',
      ),
    ).toBeDefined();
    expect(
      plugin.getExtension(
        'scaffolder-form-field:environments/environment-changes-preview',
      ),
    ).toBeDefined();
  });
});
