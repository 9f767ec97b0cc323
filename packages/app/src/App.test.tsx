import { render, screen } from '@testing-library/react';
import App from './App';

describe('App', () => {
  beforeEach(() => {
    process.env = {
      NODE_ENV: 'test',
      APP_CONFIG: [
        {
          data: {
            app: { title: 'Paved', baseUrl: 'http://localhost:3000' },
            backend: { baseUrl: 'http://localhost:7007' },
            techdocs: {
              storageUrl: 'http://localhost:7007/api/techdocs/static/docs',
            },
          },
          context: 'test',
        },
      ] as any,
    };
  });

  it('greets a visitor with guest sign-in, or as a platform engineer, under the portal title', async () => {
    render(App.createRoot());

    // The app loads every discovered plugin first: seconds on a busy two-core machine.
    expect(
      await screen.findByRole('button', { name: 'Enter' }, { timeout: 30_000 }),
    ).toBeInTheDocument();
    expect(
      screen.getByRole('button', { name: 'Sign in as Priya Raman' }),
    ).toBeInTheDocument();
    expect(screen.getByText('Paved')).toBeInTheDocument();
  }, 60_000);
});
