import { screen, within } from '@testing-library/react';
import { Entity } from '@backstage/catalog-model';
import { catalogApiMock } from '@backstage/plugin-catalog-react/testUtils';
import {
  aDeclaredEnvironment,
  anEnvironment,
  checkoutApiWithEnvironments,
  checkoutSystem,
} from '../../__testUtils__/fixtures';
import { fakeEnvironmentsApi } from '../../__testUtils__/fakeEnvironmentsApi';
import { renderWithEnvironments } from '../../__testUtils__/renderWithEnvironments';
import { EntityEnvironmentsCard } from './EntityEnvironmentsCard';

const card = (name: string) => screen.findByRole('article', { name });

/** An in-memory catalog (the catalog's own test client), with its getEntities watched. */
function catalogWith(...entities: Entity[]) {
  const catalogApi = catalogApiMock({ entities });
  jest.spyOn(catalogApi, 'getEntities');
  return catalogApi;
}

describe('EntityEnvironmentsCard: environments declared in the catalog (fake environments API, in-memory catalog)', () => {
  it('shows a declared environment after the provisioned ones, marked declared, with its links', async () => {
    const api = fakeEnvironmentsApi({ environments: [anEnvironment()] });
    const legacyQa = aDeclaredEnvironment();
    const catalogApi = catalogWith(legacyQa);
    await renderWithEnvironments(<EntityEnvironmentsCard />, {
      api,
      catalogApi,
      entity: checkoutApiWithEnvironments([
        'environment:default/checkout-api-pr-1',
        'environment:default/checkout-api-legacy-qa',
      ]),
    });

    const declared = within(await card('legacy-qa'));
    expect(declared.getByText('declared')).toBeInTheDocument();
    expect(
      screen.queryByRole('link', { name: 'Create an ephemeral environment' }),
    ).not.toBeInTheDocument();
    expect(declared.getByText('staging')).toBeInTheDocument();
    expect(
      declared.getByText('The QA environment on the old VM cluster'),
    ).toBeInTheDocument();
    expect(
      declared.getByText(/Paved does not provision it/),
    ).toBeInTheDocument();
    expect(
      declared.getByRole('link', { name: 'legacy-qa, Opens in a new window' }),
    ).toHaveAttribute('href', 'https://legacy-qa.checkout.example.com');
    expect(
      declared.getByRole('link', { name: 'Catalog page' }),
    ).toHaveAttribute(
      'href',
      '/catalog/default/environment/checkout-api-legacy-qa',
    );
    // Provisioned first, then declared; no actions on what Paved does not manage.
    const articles = screen
      .getAllByRole('article')
      .map(a => a.getAttribute('aria-labelledby'));
    expect(articles[0]).toMatch(/^environment-/);
    expect(articles[1]).toMatch(/^declared-environment-/);
    expect(declared.queryByRole('button')).not.toBeInTheDocument();
  });

  it('shows declared environments instead of the empty state when Paved provisioned none', async () => {
    const api = fakeEnvironmentsApi();
    await renderWithEnvironments(<EntityEnvironmentsCard />, {
      api,
      catalogApi: catalogWith(aDeclaredEnvironment()),
      entity: checkoutApiWithEnvironments([
        'environment:default/checkout-api-legacy-qa',
      ]),
    });

    expect(await card('legacy-qa')).toBeInTheDocument();
    expect(screen.queryByText('No environments yet')).not.toBeInTheDocument();
    // What Paved can provision is still offered.
    expect(
      screen.getByRole('link', { name: 'Create an ephemeral environment' }),
    ).toHaveAttribute(
      'href',
      expect.stringContaining(
        '/create/templates/default/paved-ephemeral-environment',
      ),
    );
  });

  it('does not ask the catalog when every environment the component relates to is a provisioned one', async () => {
    const api = fakeEnvironmentsApi({ environments: [anEnvironment()] });
    const catalogApi = catalogWith(
      aDeclaredEnvironment({ environmentOf: 'component:default/other' }),
    );
    await renderWithEnvironments(<EntityEnvironmentsCard />, {
      api,
      catalogApi,
      entity: checkoutApiWithEnvironments([
        'environment:default/checkout-api-pr-1',
      ]),
    });

    expect(await card('pr-1')).toBeInTheDocument();
    expect(catalogApi.getEntities).not.toHaveBeenCalled();
  });

  it('keeps a declared environment while the catalog has not yet heard of a new provisioned one', async () => {
    // pr-2 is minutes old: the component's relations still name only pr-1 and legacy-qa.
    const api = fakeEnvironmentsApi({
      environments: [anEnvironment(), anEnvironment({ name: 'pr-2' })],
    });
    await renderWithEnvironments(<EntityEnvironmentsCard />, {
      api,
      catalogApi: catalogWith(aDeclaredEnvironment()),
      entity: checkoutApiWithEnvironments([
        'environment:default/checkout-api-pr-1',
        'environment:default/checkout-api-legacy-qa',
      ]),
    });

    expect(await card('pr-2')).toBeInTheDocument();
    expect(await card('legacy-qa')).toBeInTheDocument();
  });

  it("shows a system its components' declared environments, naming the component, and not other components'", async () => {
    const api = fakeEnvironmentsApi();
    const catalogApi = catalogWith(
      aDeclaredEnvironment(),
      aDeclaredEnvironment({
        name: 'storefront-web-legacy-qa',
        environmentOf: 'component:default/storefront-web',
      }),
    );
    await renderWithEnvironments(<EntityEnvironmentsCard />, {
      api,
      catalogApi,
      entity: checkoutSystem,
    });

    const declared = within(await card('legacy-qa'));
    expect(
      declared.getByRole('link', { name: /checkout-api/ }),
    ).toBeInTheDocument();
    expect(screen.getAllByRole('article')).toHaveLength(1);
    expect(catalogApi.getEntities).toHaveBeenCalledTimes(1);
  });

  it('still shows the provisioned environments when the catalog cannot be asked', async () => {
    const api = fakeEnvironmentsApi({ environments: [anEnvironment()] });
    const catalogApi = catalogWith();
    (catalogApi.getEntities as jest.Mock).mockRejectedValue(
      new Error('catalog is down'),
    );
    await renderWithEnvironments(<EntityEnvironmentsCard />, {
      api,
      catalogApi,
      entity: checkoutApiWithEnvironments([
        'environment:default/checkout-api-pr-1',
        'environment:default/checkout-api-legacy-qa',
      ]),
    });

    expect(await card('pr-1')).toBeInTheDocument();
    expect(
      await screen.findByText(
        /Could not load the environments declared in the catalog \(\s*catalog is down\)/,
      ),
    ).toBeInTheDocument();
  });
});
