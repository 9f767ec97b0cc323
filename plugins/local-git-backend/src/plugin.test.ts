import {
  coreServices,
  createBackendPlugin,
  UrlReaderService,
} from '@backstage/backend-plugin-api';
import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import catalogPlugin from '@backstage/plugin-catalog-backend';
import { NotModifiedError } from '@backstage/errors';
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import request from 'supertest';
import localGit from '.';
import { LocalGitRepositories } from './LocalGitRepositories';

/*
 * The git host, its URL reader and the catalog reading from it, in a real backend; the
 * repositories are real, and `git clone` is the real git client.
 */
describe('the local git host', () => {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'local-git-plugin-'));
  const base = 'http://localhost:7007/api/local-git';
  let api: ReturnType<typeof request>;
  let port: number;
  let reader: UrlReaderService;
  let commit: string;

  beforeAll(async () => {
    const source = fs.mkdtempSync(path.join(os.tmpdir(), 'workspace-'));
    fs.mkdirSync(path.join(source, 'docs'));
    fs.writeFileSync(
      path.join(source, 'catalog-info.yaml'),
      [
        'apiVersion: backstage.io/v1alpha1',
        'kind: Component',
        'metadata:',
        '  name: orders-api',
        '  annotations:',
        '    backstage.io/techdocs-ref: dir:.',
        'spec:',
        '  type: service',
        '  lifecycle: experimental',
        '  owner: group:default/checkout-team',
        '',
      ].join('\n'),
    );
    fs.writeFileSync(
      path.join(source, 'mkdocs.yml'),
      'site_name: orders-api\n',
    );
    fs.writeFileSync(path.join(source, 'docs/index.md'), '# Orders API\n');
    ({ commit } = await new LocalGitRepositories(root).publish({
      name: 'orders-api',
      sourceDir: source,
      branch: 'main',
      message: 'Initial commit',
      author: { name: 'Test', email: 'test@example.com' },
    }));

    const { server } = await startTestBackend({
      features: [
        localGit,
        catalogPlugin,
        mockServices.rootConfig.factory({
          data: {
            backend: { baseUrl: 'http://localhost:7007' },
            localGit: { directory: root },
            catalog: {
              rules: [{ allow: ['Component', 'Location'] }],
              processingInterval: { seconds: 1 },
            },
          },
        }),
        createBackendPlugin({
          pluginId: 'reader-probe',
          register(env) {
            env.registerInit({
              deps: { urlReader: coreServices.urlReader },
              async init({ urlReader }) {
                reader = urlReader;
              },
            });
          },
        }),
      ],
    });
    api = request(server);
    port = (server.address() as AddressInfo).port;
  });

  it('lets git clone a repository over HTTP, without credentials', async () => {
    const clone = path.join(
      fs.mkdtempSync(path.join(os.tmpdir(), 'clone-')),
      'orders-api',
    );
    // Asynchronously: the server answering git runs in this same process.
    await promisify(execFile)(
      'git',
      [
        'clone',
        '--quiet',
        `http://localhost:${port}/api/local-git/orders-api.git`,
        clone,
      ],
      { env: { ...process.env, GIT_TERMINAL_PROMPT: '0' } },
    );
    expect(fs.readFileSync(path.join(clone, 'docs/index.md'), 'utf8')).toBe(
      '# Orders API\n',
    );
  });

  it('serves raw files and folder listings, and nothing of the repository but what git fetches', async () => {
    const file = await api.get(
      '/api/local-git/orders-api/blob/main/docs/index.md',
    );
    expect([file.status, file.text]).toEqual([200, '# Orders API\n']);
    const tree = await api.get('/api/local-git/orders-api/tree/main/');
    expect(tree.status).toBe(200);
    expect(tree.text).toContain(`git clone ${base}/orders-api.git`);
    expect(tree.text).toContain(
      `href="${base}/orders-api/blob/main/docs/index.md"`,
    );
    const list = await api.get('/api/local-git/');
    expect(list.body.items).toEqual([
      {
        name: 'orders-api',
        cloneUrl: `${base}/orders-api.git`,
        url: `${base}/orders-api/tree/HEAD/`,
      },
    ]);

    expect((await api.get('/api/local-git/orders-api.git/config')).status).toBe(
      404,
    );
    expect((await api.get('/api/local-git/nope.git/info/refs')).status).toBe(
      404,
    );
    const missing = await api.get(
      '/api/local-git/orders-api/blob/main/nope.md',
    );
    expect([missing.status, missing.body.error.message]).toEqual([
      404,
      `orders-api has no file nope.md at ${commit.slice(0, 12)}`,
    ]);
    const traversal = await api.get(
      '/api/local-git/orders-api/blob/main/..%2F..%2Fetc%2Fpasswd',
    );
    expect(traversal.status).toBe(400);
  });

  it("reads files, folders and globs through every plugin's URL reader, with the commit as ETag", async () => {
    const file = await reader.readUrl!(
      `${base}/orders-api/blob/main/catalog-info.yaml`,
    );
    expect((await file.buffer()).toString()).toContain('name: orders-api');
    expect(file.etag).toBe(commit);
    await expect(
      reader.readUrl!(`${base}/orders-api/blob/main/catalog-info.yaml`, {
        etag: commit,
      }),
    ).rejects.toThrow(NotModifiedError);

    // TechDocs asks for the folder of catalog-info.yaml in its blob form.
    const tree = await reader.readTree(`${base}/orders-api/blob/main/`);
    const files = await tree.files();
    expect(files.map(f => f.path).sort()).toEqual([
      'catalog-info.yaml',
      'docs/index.md',
      'mkdocs.yml',
    ]);
    const docs = await reader.readTree(`${base}/orders-api/tree/main/docs`);
    expect((await docs.files()).map(f => f.path)).toEqual(['index.md']);

    const found = await reader.search(`${base}/orders-api/blob/main/**/*.md`);
    expect(found.files.map(f => f.url)).toEqual([
      `${base}/orders-api/blob/main/docs/index.md`,
    ]);
    expect((await found.files[0].content()).toString()).toBe('# Orders API\n');

    await expect(reader.readUrl!(`${base}/nope/blob/main/x`)).rejects.toThrow(
      'There is no repository named nope',
    );
  });

  it('lets the catalog register a component from a repository', async () => {
    const target = `${base}/orders-api/blob/main/catalog-info.yaml`;
    const added = await api
      .post('/api/catalog/locations')
      .send({ type: 'url', target });
    expect(added.status).toBe(201);
    let entity: any;
    for (let i = 0; i < 100 && !entity; i++) {
      const res = await api.get(
        '/api/catalog/entities/by-name/component/default/orders-api',
      );
      if (res.status === 200) entity = res.body;
      else await new Promise(r => setTimeout(r, 200));
    }
    expect(entity.metadata.annotations).toMatchObject({
      'backstage.io/managed-by-location': `url:${target}`,
      'backstage.io/techdocs-ref': 'dir:.',
    });
  });
});
