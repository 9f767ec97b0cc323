import { ConflictError } from '@backstage/errors';
import { toProviderError } from './errors';

function withCode(message: string, code?: string): Error {
  return Object.assign(new Error(message), code ? { code } : {});
}

const context = { action: 'Provisioning database x', target: 'shared' };

describe('toProviderError', () => {
  it.each([
    ['ECONNREFUSED', 'connect ECONNREFUSED 127.0.0.1:5432'],
    ['ETIMEDOUT', 'connect ETIMEDOUT'],
    ['57P03', 'the database system is starting up'],
    ['53300', 'sorry, too many clients already'],
    ['08006', 'connection failure'],
    [undefined, 'Connection terminated unexpectedly'],
    [undefined, 'timeout exceeded when trying to connect'],
  ])('treats %s (%s) as transient', (code, message) => {
    const error = toProviderError(withCode(message, code), context);
    expect(error.name).toBe('TransientProviderError');
    expect(error.message).toContain(
      'Provisioning database x on target "shared" failed: ',
    );
  });

  it.each([
    ['ENOTFOUND', /the host of target "shared" cannot be resolved/],
    ['28P01', /target "shared" refused the provisioning credentials/],
    ['42501', /it needs CREATEDB and CREATEROLE/],
    ['42601', /syntax error \(42601\)$/],
  ])('treats %s as permanent, with advice', (code, message) => {
    const error = toProviderError(withCode('syntax error', code), context);
    expect(error.name).toBe('Error');
    expect(error.message).toMatch(message);
  });

  it('passes deliberate errors through', () => {
    const conflict = new ConflictError('taken');
    expect(toProviderError(conflict, context)).toBe(conflict);
  });

  it('cuts secrets out of messages and drops the cause', () => {
    const error = toProviderError(
      withCode('near "SCRAM-SHA-256$4096:abc" with hunter2', '42601'),
      { ...context, secrets: ['hunter2', 'SCRAM-SHA-256$4096:abc'] },
    );
    expect(error.message).not.toContain('hunter2');
    expect(error.message).not.toContain('SCRAM-SHA-256$4096:abc');
    expect(error.message).toContain('[redacted]');
    expect(error.cause).toBeUndefined();
  });
});
