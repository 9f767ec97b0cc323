import { ResponseError } from '@backstage/errors';
import {
  Environment,
  EnvironmentClassSummary,
  EnvironmentsApi,
  Finding,
  FindingSeverity,
  ListEnvironmentsRequest,
  ListFindingsRequest,
  normalizeEntityRef,
  parseDuration,
} from '@paved/plugin-environments-common';
import { PREVIEW_CLASS, anOperation } from './fixtures';

/** A fake of the environments API: in memory, and every method a jest mock to inspect. */
export type FakeEnvironmentsApi = jest.Mocked<EnvironmentsApi> & {
  /** Replaces what the server holds, as if something changed behind the card's back. */
  setEnvironments(environments: Environment[]): void;
};

/**
 * A ResponseError as the common package's client throws it: the server's message
 * appended to the status line.
 */
export async function responseError(
  status: number,
  message: string,
): Promise<ResponseError> {
  const error = await ResponseError.fromResponse(
    new Response(
      JSON.stringify({
        error: { name: status === 403 ? 'NotAllowedError' : 'Error', message },
        request: { method: 'POST', url: '/api/environments' },
        response: { statusCode: status },
      }),
      {
        status,
        statusText: status === 403 ? 'Forbidden' : 'Error',
        headers: { 'Content-Type': 'application/json' },
      },
    ) as any,
  );
  error.message = `${error.message}: ${message}`;
  return error;
}

function matches(
  item: { entityRef: string },
  request: { entityRef?: string | string[] },
) {
  if (request.entityRef === undefined) {
    return true;
  }
  const refs = ([] as string[])
    .concat(request.entityRef)
    .map(normalizeEntityRef);
  return refs.includes(normalizeEntityRef(item.entityRef));
}

/** Newest first, as the server answers. */
function newestFirst(findings: Finding[]): Finding[] {
  return [...findings].sort((a, b) => b.detectedAt.localeCompare(a.detectedAt));
}

export function fakeEnvironmentsApi(
  options: {
    environments?: Environment[];
    classes?: EnvironmentClassSummary[];
    /** Open and resolved, of any of the environments (`environmentId`). */
    findings?: Finding[];
  } = {},
): FakeEnvironmentsApi {
  let environments = [...(options.environments ?? [])];
  const findings = [...(options.findings ?? [])];
  const find = (id: string) => {
    const environment = environments.find(e => e.id === id);
    if (!environment) {
      throw new Error(`No environment with id ${id}`);
    }
    return environment;
  };
  // Like the server, the open count follows the findings, when the test gives some.
  const counted = (environment: Environment): Environment => {
    if (!options.findings) return environment;
    const open = findings.filter(
      f => f.environmentId === environment.id && !f.resolvedAt,
    );
    const bySeverity: Partial<Record<FindingSeverity, number>> = {};
    for (const finding of open) {
      bySeverity[finding.severity] = (bySeverity[finding.severity] ?? 0) + 1;
    }
    return open.length
      ? {
          ...environment,
          openFindings: open.length,
          openFindingsBySeverity: bySeverity,
        }
      : {
          ...environment,
          openFindings: undefined,
          openFindingsBySeverity: undefined,
        };
  };
  const update = (id: string, patch: Partial<Environment>) => {
    const updated = { ...find(id), ...patch };
    environments = environments.map(e => (e.id === id ? updated : e));
    return updated;
  };
  const answer = (
    environment: Environment,
    type: 'destroy' | 'extend' | 'update',
  ) => ({
    environment,
    operation: anOperation({ environmentId: environment.id, type }),
  });

  const api = {
    setEnvironments(next: Environment[]) {
      environments = [...next];
    },
    listEnvironments: jest.fn(async (request: ListEnvironmentsRequest = {}) => {
      const items = environments
        .filter(
          e =>
            e.status !== 'destroyed' &&
            matches(e, request) &&
            (request.hasFindings === undefined ||
              (counted(e).openFindings !== undefined) === request.hasFindings),
        )
        .map(counted);
      return { items, totalItems: items.length };
    }),
    getEnvironment: jest.fn(async (id: string) => counted(find(id))),
    getOperations: jest.fn(async () => []),
    createEnvironment: jest.fn(async () => {
      throw new Error('not used by the front end');
    }),
    addResources: jest.fn(async () => {
      throw new Error('not used by the front end');
    }),
    extendEnvironment: jest.fn(async (id: string, ttl: string) =>
      answer(
        update(id, {
          expiresAt: new Date(Date.now() + parseDuration(ttl)!).toISOString(),
        }),
        'extend',
      ),
    ),
    destroyEnvironment: jest.fn(async (id: string) =>
      answer(update(id, { status: 'destroying' }), 'destroy'),
    ),
    retryEnvironment: jest.fn(async (id: string) =>
      answer(
        update(id, { status: 'provisioning', statusReason: undefined }),
        'update',
      ),
    ),
    revealSecret: jest.fn(async (resourceId: string) => ({
      connectionString: `postgresql://owner:s3cret-${resourceId}@localhost:5433/main`,
    })),
    listClasses: jest.fn(async () => options.classes ?? [PREVIEW_CLASS]),
    getFindings: jest.fn(async (id: string) =>
      newestFirst(findings.filter(f => f.environmentId === find(id).id)),
    ),
    listFindings: jest.fn(async (request: ListFindingsRequest = {}) =>
      newestFirst(
        findings.filter(
          f =>
            matches(f, request) &&
            (!request.severity || f.severity === request.severity) &&
            (!request.state ||
              (request.state === 'open') === (f.resolvedAt === undefined)),
        ),
      ),
    ),
  };
  return api as unknown as FakeEnvironmentsApi;
}
