import { Config } from '@backstage/config';
import { InputError } from '@backstage/errors';
import { z } from 'zod';
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
  /** `commit`: each change is a commit on `branch`. */
  mode: 'commit';
  branch: string;
  /** `clusters/{cluster}/namespaces/{namespace}`, without the trailing slash. */
  pathTemplate: string;
  /** A repository of the portal's local git host, created at start if missing. */
  localGit: { repository: string };
}

const name = (what: string) =>
  z
    .string({ error: `must be a ${what}` })
    .regex(NAME, `must be a ${what}: lowercase letters, digits and hyphens`);

const targetSchema = z.strictObject(
  {
    enabled: z.boolean({ error: 'must be true or false' }).optional(),
    cluster: name('cluster name').optional(),
    mode: z.literal('commit', { error: 'must be commit' }).optional(),
    branch: z
      .string({ error: 'must be a branch name' })
      .regex(/^[A-Za-z0-9][A-Za-z0-9._/-]{0,99}$/, 'must be a branch name')
      .refine(b => !b.includes('..'), 'must be a branch name')
      .optional(),
    path: z.string({ error: 'must be a path template' }).optional(),
    localGit: z.strictObject(
      { repository: name('repository name') },
      { error: 'must be an object with repository' },
    ),
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
    targets.push({
      name: targetName,
      configKey,
      cluster: target.cluster ?? targetName,
      mode: target.mode ?? 'commit',
      branch: target.branch ?? 'main',
      pathTemplate: validatePathTemplate(
        target.path ?? DEFAULT_PATH_TEMPLATE,
        `${configKey}.path`,
      ),
      localGit: target.localGit,
    });
  }
  return targets;
}
