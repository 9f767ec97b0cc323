import {
  ENVIRONMENT_STATUSES,
  EnvironmentStatus,
  OperationState,
  ResourceStatus,
} from '@paved/plugin-environments-common';
import {
  assertResourceTransition,
  isEnvironmentTransition,
  OPERATION_TRANSITIONS,
  RESOURCE_TRANSITIONS,
} from './transitions';

/** Every move the lifecycle may make, written out by hand: anything else is refused. */
const ENVIRONMENT_MOVES: Record<EnvironmentStatus, EnvironmentStatus[]> = {
  'awaiting-approval': ['provisioning', 'destroyed'],
  provisioning: ['provisioning', 'ready', 'failed', 'destroying', 'destroyed'],
  ready: ['provisioning', 'degraded', 'destroying', 'destroyed'],
  degraded: ['provisioning', 'ready', 'degraded', 'destroying', 'destroyed'],
  failed: ['provisioning', 'destroying', 'destroyed'],
  destroying: ['failed', 'destroying', 'destroyed'],
  destroyed: [],
};

const RESOURCE_STATUSES: ResourceStatus[] = [
  'pending',
  'provisioning',
  'ready',
  'failed',
  'destroying',
  'destroyed',
];

const pairs = <S extends string>(statuses: readonly S[]) =>
  statuses.flatMap(from => statuses.map(to => [from, to] as [S, S]));

describe('environment transitions', () => {
  it.each(pairs(ENVIRONMENT_STATUSES))(
    '%s -> %s is allowed only if listed',
    (from, to) => {
      expect(isEnvironmentTransition(from, to)).toBe(
        ENVIRONMENT_MOVES[from].includes(to),
      );
    },
  );

  it('never brings a destroyed environment back', () => {
    for (const to of ENVIRONMENT_STATUSES) {
      expect(isEnvironmentTransition('destroyed', to)).toBe(false);
    }
  });
});

describe('resource transitions', () => {
  it.each(pairs(RESOURCE_STATUSES))(
    '%s -> %s is allowed only if listed',
    (from, to) => {
      const move = () => {
        try {
          assertResourceTransition({ name: 'main', status: from }, to);
          return 'allowed';
        } catch (error) {
          return (error as Error).message;
        }
      };
      expect(move()).toBe(
        RESOURCE_TRANSITIONS[from].includes(to)
          ? 'allowed'
          : `Resource main cannot go from ${from} to ${to}`,
      );
    },
  );

  it('lists the moves the engine and a restore make', () => {
    expect(RESOURCE_TRANSITIONS).toEqual({
      pending: ['provisioning', 'destroying'],
      provisioning: ['provisioning', 'ready', 'failed', 'destroying'],
      ready: ['pending', 'destroying'],
      failed: ['provisioning', 'destroying'],
      destroying: ['destroying', 'destroyed', 'failed'],
      destroyed: [],
    });
  });
});

describe('operation transitions', () => {
  it('ends every operation in succeeded or failed, and nothing leaves those', () => {
    const expected: Record<OperationState, OperationState[]> = {
      'awaiting-approval': ['queued', 'failed'],
      queued: ['running'],
      running: ['running', 'succeeded', 'failed', 'queued'],
      succeeded: [],
      failed: [],
    };
    expect(OPERATION_TRANSITIONS).toEqual(expected);
  });
});
