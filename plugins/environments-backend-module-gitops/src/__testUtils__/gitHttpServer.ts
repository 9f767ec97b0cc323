import { spawn } from 'node:child_process';
import { createServer, IncomingMessage, Server } from 'node:http';
import { AddressInfo } from 'node:net';

/**
 * Real git over smart HTTP: `git http-backend` (git's own CGI server) serving the bare
 * repositories below `root`, with Basic auth as GitHub and GitLab take a token.
 * `beforeRequest` runs before each request is handed to git, so a test can move a branch
 * at a chosen moment of a push.
 */
export async function startGitHttpServer(options: {
  root: string;
  username: string;
  password: string;
  beforeRequest?: (req: IncomingMessage, url: URL) => void;
}) {
  const expected = `Basic ${Buffer.from(
    `${options.username}:${options.password}`,
  ).toString('base64')}`;
  const server: Server = createServer((req, res) => {
    const url = new URL(req.url!, 'http://localhost');
    if (req.headers.authorization !== expected) {
      res.writeHead(401, { 'www-authenticate': 'Basic realm="git"' });
      res.end('Unauthorized\n');
      return;
    }
    options.beforeRequest?.(req, url);
    const cgi = spawn('git', ['http-backend'], {
      env: {
        PATH: process.env.PATH,
        GIT_CONFIG_NOSYSTEM: '1',
        GIT_CONFIG_GLOBAL: '/dev/null',
        GIT_PROJECT_ROOT: options.root,
        GIT_HTTP_EXPORT_ALL: '1',
        // Pushes need an authenticated user.
        REMOTE_USER: options.username,
        REQUEST_METHOD: req.method,
        PATH_INFO: decodeURIComponent(url.pathname),
        QUERY_STRING: url.search.slice(1),
        CONTENT_TYPE: req.headers['content-type'] ?? '',
        ...(req.headers['content-encoding'] && {
          HTTP_CONTENT_ENCODING: req.headers['content-encoding'],
        }),
        ...(req.headers['git-protocol'] && {
          GIT_PROTOCOL: String(req.headers['git-protocol']),
        }),
      },
      stdio: ['pipe', 'pipe', 'inherit'],
    });
    req.pipe(cgi.stdin);
    let head = Buffer.alloc(0);
    let headersDone = false;
    cgi.stdout.on('data', (chunk: Buffer) => {
      if (headersDone) {
        res.write(chunk);
        return;
      }
      head = Buffer.concat([head, chunk]);
      const end = head.indexOf('\r\n\r\n');
      if (end < 0) return;
      headersDone = true;
      let status = 200;
      for (const line of head.subarray(0, end).toString('utf8').split('\r\n')) {
        const cut = line.indexOf(':');
        const name = line.slice(0, cut).trim();
        const value = line.slice(cut + 1).trim();
        if (name.toLowerCase() === 'status')
          status = Number(value.split(' ')[0]);
        else res.setHeader(name, value);
      }
      res.writeHead(status);
      res.write(head.subarray(end + 4));
    });
    cgi.on('close', () => res.end());
  });
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
  return {
    origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () => new Promise<void>(resolve => server.close(() => resolve())),
  };
}
