import {
  ApprovalRequest,
  BaselineException,
  Environment,
  Goal,
  GoalDetail,
  EnvironmentClassSummary,
  EnvironmentsApi,
  Finding,
  FindingSeverity,
  ListEnvironmentsRequest,
  ListFindingsRequest,
  normalizeEntityRef,
  parseDuration,
} from '@paved/plugin-environments-common';
import { fakeExceptions } from './fakeExceptions';
import { fakeGoals } from './fakeGoals';
import { fakeRequests } from './fakeRequests';
import { PREVIEW_CLASS, anOperation } from './fixtures';

export { responseError } from './responseError';

/** A fake of the environments API: in memory, and every method a jest mock to inspect. */
export type FakeEnvironmentsApi = jest.Mocked<EnvironmentsApi> & {
  /** Replaces what the server holds, as if something changed behind the card's back. */
  setEnvironments(environments: Environment[]): void;
};

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

/** Each method a jest mock, to inspect. */
function mocked<T extends Record<string, (...args: any[]) => any>>(
  methods: T,
): { [K in keyof T]: jest.Mock } {
  return Object.fromEntries(
    Object.entries(methods).map(([name, method]) => [name, jest.fn(method)]),
  ) as { [K in keyof T]: jest.Mock };
}

export function fakeEnvironmentsApi(
  options: {
    environments?: Environment[];
    classes?: EnvironmentClassSummary[];
    /** Open and resolved, of any of the environments (`environmentId`). */
    findings?: Finding[];
    /** Baseline exceptions of any state, newest first. */
    exceptions?: BaselineException[];
    /** Requests that needed approval, of any state, newest first. */
    requests?: ApprovalRequest[];
    /** The configured goals; a GoalDetail's breakdown and holders are what getGoal answers. */
    goals?: Array<Goal | GoalDetail>;
    /** Who is signed in: asks for exceptions, and decides those of others. */
    user?: string;
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
  // Like the server, the open count follows the findings, when the test gives some,
  // and leaves out the ones an approved exception accepts, counted apart.
  const counted = (environment: Environment): Environment => {
    if (!options.findings) return environment;
    const unresolved = findings.filter(
      f => f.environmentId === environment.id && !f.resolvedAt,
    );
    const open = unresolved.filter(f => !f.exception);
    const accepted = unresolved.length - open.length;
    const bySeverity: Partial<Record<FindingSeverity, number>> = {};
    for (const finding of open) {
      bySeverity[finding.severity] = (bySeverity[finding.severity] ?? 0) + 1;
    }
    return {
      ...environment,
      openFindings: open.length || undefined,
      openFindingsBySeverity: open.length ? bySeverity : undefined,
      acceptedFindings: accepted || undefined,
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
            (!request.owner ||
              normalizeEntityRef(e.owner) ===
                normalizeEntityRef(request.owner)) &&
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
    ...mocked(
      fakeExceptions({
        exceptions: [...(options.exceptions ?? [])],
        findings,
        environment: find,
        user: options.user ?? 'user:default/guest',
      }),
    ),
    ...mocked(fakeGoals({ goals: [...(options.goals ?? [])] })),
    ...mocked(
      fakeRequests({
        requests: [...(options.requests ?? [])],
        user: options.user ?? 'user:default/guest',
      }),
    ),
  };
  return api as unknown as FakeEnvironmentsApi;
}
