import { screen } from '@testing-library/react';
import { Finding } from '@paved/plugin-environments-common';
import { aFinding, anEnvironment } from '../../__testUtils__/fixtures';
import { fakeEnvironmentsApi } from '../../__testUtils__/fakeEnvironmentsApi';
import { renderWithEnvironments } from '../../__testUtils__/renderWithEnvironments';
import { BaselineConformance } from './BaselineConformance';

const accepted: Finding['exception'] = {
  id: 'exc-1',
  acceptedBy: 'user:default/priya',
  until: '2027-01-31T23:59:59Z',
  justification: 'the import moves in January',
};

/** Renders the line as the server would send the environment: counts follow the findings. */
async function renderLine(findings: (environmentId: string) => Finding[]) {
  const environment = anEnvironment();
  const api = fakeEnvironmentsApi({
    environments: [environment],
    findings: findings(environment.id),
  });
  await renderWithEnvironments(
    <BaselineConformance
      environment={await api.getEnvironment(environment.id)}
    />,
    { api },
  );
  return screen.getByRole('button', { name: /^Baseline findings of pr-1/ });
}

describe('BaselineConformance', () => {
  it('says a conformant environment has accepted findings', async () => {
    const line = await renderLine(environmentId => [
      aFinding({ environmentId, exception: accepted }),
    ]);

    expect(line).toHaveTextContent('Baseline: conformant, 1 accepted');
  });

  it('counts the accepted findings after the open ones', async () => {
    const line = await renderLine(environmentId => [
      aFinding({ environmentId, exception: accepted }),
      aFinding({ environmentId }),
      aFinding({
        environmentId,
        rule: 'postgres.owner-privileges',
        severity: 'blocking',
      }),
    ]);

    expect(line).toHaveTextContent(
      'Baseline: 2 open findings (1 blocking, 1 high), 1 accepted',
    );
  });

  it('says nothing of exceptions when none accepts a finding', async () => {
    const line = await renderLine(environmentId => [
      aFinding({ environmentId }),
    ]);

    expect(line).toHaveTextContent('Baseline: 1 open finding (1 high)');
    expect(line).not.toHaveTextContent(/accepted/);
  });
});
