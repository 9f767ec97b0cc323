import { ConfigReader } from '@backstage/config';
import { readGitopsTargets } from './readGitopsTargets';

const read = (target: object) =>
  readGitopsTargets(
    new ConfigReader({
      environments: { providers: { gitops: { targets: { prod: target } } } },
    }),
  );

describe('readGitopsTargets', () => {
  it('takes commit mode with a GitHub or GitLab remote', () => {
    expect(
      read({ mode: 'commit', remote: { url: 'https://github.com/acme/ops' } }),
    ).toMatchObject([
      {
        mode: 'commit',
        remote: {
          url: 'https://github.com/acme/ops',
          cloneUrl: 'https://github.com/acme/ops.git',
        },
      },
    ]);
    expect(read({ localGit: { repository: 'ops' } })[0]).toMatchObject({
      mode: 'commit',
      localGit: { repository: 'ops' },
    });
  });

  it.each([
    [
      { mode: 'commit' },
      /targets\.prod\.localGit or environments\.providers\.gitops\.targets\.prod\.remote is required in commit mode/,
    ],
    [
      { localGit: { repository: 'ops' }, remote: { url: 'https://x.dev/a' } },
      /targets\.prod has both localGit and remote/,
    ],
    [
      { mode: 'pull-request', localGit: { repository: 'ops' } },
      /targets\.prod has both|targets\.prod\.remote is required in pull-request mode/,
    ],
  ])('stops on %j, naming the key', (target, message) => {
    expect(() => read(target)).toThrow(message);
  });
});
