import { Config } from '@backstage/config';
import { InputError } from '@backstage/errors';
import { z } from 'zod';
import {
  KubernetesClusterConfig,
  kubernetesConfigSchema,
} from './cluster/kubernetesConfig';
import { DEFAULT_PATH_TEMPLATE, validatePathTemplate } from './naming';

const TARGETS_KEY = 'environments.providers.gitops.targets';
const NAME = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/;

/**
 * One target from config: a git repository namespaces are committed to, and the cluster
 * that reads it.
 * @public
 */
export interface GitopsTargetConfig {
  name: string;
  /** Where this target is in config, for error messages. */
  configKey: string;
  /** The cluster's name, in the path template and the outputs. */
  cluster: string;
  /**
   * `commit`: each change is a commit on `branch` (local git host, or pushed to GitHub or
   * GitLab). `pull-request`: each change is a branch and a pull or merge request into
   * `branch` (GitHub, GitLab).
   */
  mode: 'commit' | 'pull-request';
  branch: string;
  /** `clusters/{cluster}/namespaces/{namespace}`, without the trailing slash. */
  pathTemplate: string;
  /** A repository of the portal's local git host, created at start if missing. */
  localGit?: { repository: string };
  /** A repository on GitHub or GitLab (either mode). */
  remote?: { url: string; cloneUrl: string };
  /** How long a change request may wait for review, and how often it is checked. */
  pullRequest?: { waitDays: number; checkEveryMinutes: number };
  /** Where the card's applied state is read: the cluster and its Flux or Argo CD. */
  kubernetes?: KubernetesClusterConfig;
}

const name = (what: string) =>
  z
    .string({ error: `must be a ${what}` })
    .regex(NAME, `must be a ${what}: lowercase letters, digits and hyphens`);

const targetSchema = z.strictObject(
  {
    enabled: z.boolean({ error: 'must be true or false' }).optional(),
    cluster: name('cluster name').optional(),
    mode: z
      .enum(['commit', 'pull-request'], {
        error: 'must be commit or pull-request',
      })
      .optional(),
    branch: z
      .string({ error: 'must be a branch name' })
      .regex(/^[A-Za-z0-9][A-Za-z0-9._/-]{0,99}$/, 'must be a branch name')
      .refine(b => !b.includes('..'), 'must be a branch name')
      .optional(),
    path: z.string({ error: 'must be a path template' }).optional(),
    localGit: z
      .strictObject(
        { repository: name('repository name') },
        { error: 'must be an object with repository' },
      )
      .optional(),
    remote: z
      .strictObject(
        {
          url: z.url({ error: 'must be a URL' }),
          cloneUrl: z.string().optional(),
        },
        { error: 'must be an object with url' },
      )
      .optional(),
    pullRequest: z
      .strictObject({
        waitDays: z.number().positive('must be a positive number').optional(),
        checkEveryMinutes: z
          .number()
          .positive('must be a positive number')
          .optional(),
      })
      .optional(),
    kubernetes: kubernetesConfigSchema.optional(),
  },
  {
    error: issue =>
      issue.code === 'unrecognized_keys'
        ? `has unknown keys ${issue.keys.join(', ')}`
        : 'must be an object',
  },
);

function describe(error: z.ZodError, key: string): string {
  return error.issues
    .map(issue =>
      [[key, ...issue.path.map(String)].join('.'), issue.message].join(' '),
    )
    .join('; ');
}

/**
 * Reads `environments.providers.gitops.targets`. Throws an `InputError` naming the key
 * when something is wrong, so a bad config stops the backend at start.
 *
 * @public
 */
export function readGitopsTargets(config: Config): GitopsTargetConfig[] {
  const targetsConfig = config.getOptionalConfig(TARGETS_KEY);
  if (!targetsConfig) return [];
  const targets: GitopsTargetConfig[] = [];
  for (const targetName of targetsConfig.keys()) {
    const configKey = `${TARGETS_KEY}.${targetName}`;
    const parsed = targetSchema.safeParse(targetsConfig.get(targetName));
    if (!parsed.success)
      throw new InputError(describe(parsed.error, configKey));
    const target = parsed.data;
    // Config files merge, so a later file cannot remove a target; it can switch it off.
    if (target.enabled === false) continue;
    const mode = target.mode ?? 'commit';
    if (target.localGit && target.remote)
      throw new InputError(
        `${configKey} has both localGit and remote; a target writes to one repository`,
      );
    if (mode === 'commit' && !target.localGit && !target.remote)
      throw new InputError(
        `${configKey}.localGit or ${configKey}.remote is required in commit mode (a repository of the local git host, or the GitHub or GitLab repository's url)`,
      );
    if (mode === 'pull-request' && !target.remote)
      throw new InputError(
        `${configKey}.remote is required in pull-request mode (the GitHub or GitLab repository's url)`,
      );
    targets.push({
      name: targetName,
      configKey,
      cluster: target.cluster ?? targetName,
      mode,
      branch: target.branch ?? 'main',
      pathTemplate: validatePathTemplate(
        target.path ?? DEFAULT_PATH_TEMPLATE,
        `${configKey}.path`,
      ),
      ...(target.localGit
        ? { localGit: target.localGit }
        : {
            remote: {
              url: target.remote!.url,
              cloneUrl:
                target.remote!.cloneUrl ??
                `${target.remote!.url.replace(/\/+$/, '')}.git`,
            },
          }),
      pullRequest: {
        waitDays: target.pullRequest?.waitDays ?? 7,
        checkEveryMinutes: target.pullRequest?.checkEveryMinutes ?? 2,
      },
      ...(target.kubernetes && { kubernetes: target.kubernetes }),
    });
  }
  return targets;
}
