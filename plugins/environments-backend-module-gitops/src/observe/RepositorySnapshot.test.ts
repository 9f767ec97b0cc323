import { GenerationalMemo } from '../GenerationalMemo';
import { RepositorySnapshot } from './RepositorySnapshot';

const files = new Map([
  ['clusters/a/namespaces/kustomization.yaml', 'resources:\n  - one\n'],
  ['clusters/a/namespaces/one/namespace.yaml', 'kind: Namespace\n'],
  ['clusters/a/namespaces/one/extra/configmap.yaml', 'kind: ConfigMap\n'],
  ['clusters/a/namespaces/two/namespace.yaml', 'kind: Namespace\n'],
]);

describe('RepositorySnapshot', () => {
  it("gives each namespace folder's files by their name inside it, subfolders included", () => {
    const snapshot = new RepositorySnapshot(
      'abc',
      files,
      'clusters/a/namespaces',
      new GenerationalMemo(),
    );
    expect([...snapshot.filesIn('clusters/a/namespaces/one')]).toEqual([
      ['namespace.yaml', 'kind: Namespace\n'],
      ['extra/configmap.yaml', 'kind: ConfigMap\n'],
    ]);
    expect(snapshot.filesIn('clusters/a/namespaces/three').size).toBe(0);
    expect([
      ...snapshot.entriesOf('clusters/a/namespaces/kustomization.yaml'),
    ]).toEqual(['one']);
    expect(snapshot.entriesOf('clusters/a/namespaces/missing.yaml').size).toBe(
      0,
    );
  });

  it('groups by the top-level folders when namespaces are at the root', () => {
    const snapshot = new RepositorySnapshot(
      'abc',
      new Map([
        ['kustomization.yaml', 'resources: []\n'],
        ['one/namespace.yaml', 'kind: Namespace\n'],
      ]),
      '',
      new GenerationalMemo(),
    );
    expect([...snapshot.filesIn('one').keys()]).toEqual(['namespace.yaml']);
  });

  it('parses a text once, whichever folder and commit it is in', () => {
    const parsed = new GenerationalMemo<unknown[]>();
    const first = new RepositorySnapshot('a', files, '', parsed);
    const objects = first.objectsOf('kind: Namespace\n');
    expect(objects).toEqual([{ kind: 'Namespace' }]);
    parsed.rotate();
    const next = new RepositorySnapshot('b', files, '', parsed);
    expect(next.objectsOf('kind: Namespace\n')).toBe(objects);
  });
});
