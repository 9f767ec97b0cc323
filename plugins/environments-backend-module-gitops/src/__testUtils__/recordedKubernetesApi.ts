import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { IncomingMessage } from 'node:http';
import { createServer } from 'node:https';
import { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const FIXTURES = join(__dirname, '../cluster/__fixtures__');

/**
 * A recorded Flux Kustomization or Argo CD Application, with the commits put in: the
 * recordings say `{{applied}}` and `{{attempted}}` where the cluster had its commits.
 */
export function recorded(
  fixture: string,
  commits: { applied?: string; attempted?: string } = {},
): unknown {
  const text = readFileSync(join(FIXTURES, `${fixture}.json`), 'utf8')
    .replaceAll('{{applied}}', commits.applied ?? '')
    .replaceAll('{{attempted}}', commits.attempted ?? commits.applied ?? '');
  return JSON.parse(text);
}

/** What the Kubernetes API answers for a missing or forbidden object: a `Status`. */
export function status(code: number, reason: string, message: string) {
  return {
    kind: 'Status',
    apiVersion: 'v1',
    metadata: {},
    status: 'Failure',
    message,
    reason,
    code,
  };
}

/** A self-signed certificate for 127.0.0.1, as a cluster's CA would sign its API server's. */
function certificate(): { key: string; cert: string } {
  const dir = mkdtempSync(join(tmpdir(), 'paved-kube-cert-'));
  try {
    execFileSync(
      'openssl',
      [
        'req',
        '-x509',
        '-newkey',
        'rsa:2048',
        '-nodes',
        '-days',
        '1',
        '-subj',
        '/CN=127.0.0.1',
        '-addext',
        'subjectAltName=IP:127.0.0.1',
        '-keyout',
        join(dir, 'key.pem'),
        '-out',
        join(dir, 'cert.pem'),
      ],
      { stdio: 'ignore' },
    );
    return {
      key: readFileSync(join(dir, 'key.pem'), 'utf8'),
      cert: readFileSync(join(dir, 'cert.pem'), 'utf8'),
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * A local HTTPS server answering the CustomObjectsApi paths of a Kubernetes API server
 * with recorded objects, since no cluster runs here; its certificate is `caData`. A path
 * answers what `answer` last set (a 404 `Status` until then); every request is kept, with
 * its token.
 */
export async function startRecordedKubernetesApi() {
  const answers = new Map<string, { code: number; body: unknown }>();
  const requests: Array<{ path: string; authorization?: string }> = [];
  const tls = certificate();
  const server = createServer(tls, (req: IncomingMessage, res) => {
    const path = (req.url ?? '').split('?')[0];
    requests.push({ path, authorization: req.headers.authorization });
    const answer = answers.get(path) ?? {
      code: 404,
      body: status(404, 'NotFound', `the server could not find ${path}`),
    };
    res.writeHead(answer.code, { 'content-type': 'application/json' });
    res.end(JSON.stringify(answer.body));
  });
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `https://127.0.0.1:${port}`,
    caData: Buffer.from(tls.cert).toString('base64'),
    requests,
    answer(path: string, body: unknown, code = 200) {
      answers.set(path, { code, body });
    },
    stop: () => new Promise<void>(resolve => server.close(() => resolve())),
  };
}

export const FLUX_PATH =
  '/apis/kustomize.toolkit.fluxcd.io/v1/namespaces/flux-system/kustomizations';
export const ARGOCD_PATH =
  '/apis/argoproj.io/v1alpha1/namespaces/argocd/applications';
