import { ConfigReader } from '@backstage/config';
import { ScmIntegrations } from '@backstage/integration';
import { createServer, IncomingMessage, Server } from 'node:http';
import { AddressInfo } from 'node:net';

/** A change request as the mocked API holds it. */
export interface MockChangeRequest {
  number: number;
  branch: string;
  base: string;
  title: string;
  body: string;
  state: 'open' | 'merged' | 'closed';
  createdAt: string;
}

async function bodyOf(req: IncomingMessage): Promise<any> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const text = Buffer.concat(chunks).toString('utf8');
  return text ? JSON.parse(text) : {};
}

/**
 * A mocked GitHub REST API (the pulls endpoints) or GitLab API (merge requests) on a local
 * port: it answers as the real ones do for the fields the provider reads, and counts
 * what was opened.
 */
export async function startMockScmApi(kind: 'github' | 'gitlab') {
  const requests: MockChangeRequest[] = [];
  const web = (n: number) =>
    kind === 'github'
      ? `https://github.example/acme/platform-gitops/pull/${n}`
      : `https://gitlab.example/acme/platform-gitops/-/merge_requests/${n}`;
  const toGithub = (r: MockChangeRequest) => ({
    number: r.number,
    html_url: web(r.number),
    state: r.state === 'open' ? 'open' : 'closed',
    merged_at: r.state === 'merged' ? new Date().toISOString() : null,
    created_at: r.createdAt,
    merge_commit_sha: r.state === 'merged' ? 'f'.repeat(40) : null,
    head: { ref: r.branch },
  });
  const toGitlab = (r: MockChangeRequest) => ({
    iid: r.number,
    web_url: web(r.number),
    state: r.state === 'open' ? 'opened' : r.state,
    created_at: r.createdAt,
    merge_commit_sha: r.state === 'merged' ? 'f'.repeat(40) : null,
    source_branch: r.branch,
  });
  const server: Server = createServer(async (req, res) => {
    const url = new URL(req.url!, 'http://localhost');
    const send = (status: number, body: unknown) => {
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(JSON.stringify(body));
    };
    const open = (
      r: Omit<MockChangeRequest, 'number' | 'state' | 'createdAt'>,
    ) => {
      const created: MockChangeRequest = {
        ...r,
        number: requests.length + 1,
        state: 'open',
        createdAt: new Date().toISOString(),
      };
      requests.push(created);
      return created;
    };
    if (
      kind === 'github' &&
      url.pathname === '/api/v3/repos/acme/platform-gitops/pulls'
    ) {
      if (req.method === 'GET') {
        const head = url.searchParams.get('head')!.replace(/^acme:/, '');
        return send(
          200,
          requests
            .filter(r => r.branch === head)
            .reverse()
            .map(toGithub),
        );
      }
      const b = await bodyOf(req);
      return send(
        201,
        toGithub(
          open({ branch: b.head, base: b.base, title: b.title, body: b.body }),
        ),
      );
    }
    if (
      kind === 'gitlab' &&
      url.pathname === '/api/v4/projects/acme%2Fplatform-gitops/merge_requests'
    ) {
      if (req.method === 'GET') {
        const branch = url.searchParams.get('source_branch');
        return send(
          200,
          requests
            .filter(r => r.branch === branch)
            .reverse()
            .map(toGitlab),
        );
      }
      const b = await bodyOf(req);
      return send(
        201,
        toGitlab(
          open({
            branch: b.source_branch,
            base: b.target_branch,
            title: b.title,
            body: b.description,
          }),
        ),
      );
    }
    return send(404, { message: `Not Found: ${req.method} ${url.pathname}` });
  });
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const integrations = ScmIntegrations.fromConfig(
    new ConfigReader({
      integrations:
        kind === 'github'
          ? {
              github: [
                {
                  host: '127.0.0.1',
                  apiBaseUrl: `${origin}/api/v3`,
                  token: 'ghp_test',
                },
              ],
            }
          : {
              gitlab: [
                {
                  host: '127.0.0.1',
                  apiBaseUrl: `${origin}/api/v4`,
                  baseUrl: origin,
                  token: 'glpat_test',
                },
              ],
            },
    }),
  );
  return {
    requests,
    integrations,
    repositoryUrl: `http://127.0.0.1/acme/platform-gitops`,
    close: () => new Promise<void>(resolve => server.close(() => resolve())),
  };
}
