import { ConflictError } from '@backstage/errors';
import {
  createTemplateAction,
  getRepoSourceDirectory,
} from '@backstage/plugin-scaffolder-node';
import {
  LocalGitRepositories,
  LocalGitService,
} from '@paved/plugin-local-git-backend';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { examples } from './publish.examples';

/**
 * `paved:git:publish`: the workspace becomes a new repository on the backend's own git
 * host, which the catalog and TechDocs read without credentials. The counterpart of
 * `publish:github` for a portal without an integration.
 *
 * @public
 */
export function createPavedGitPublishAction(options: LocalGitService) {
  const { repositories, urls } = options;
  return createTemplateAction({
    id: 'paved:git:publish',
    description:
      "Publishes the workspace as a new git repository on the portal's own git host (no credentials needed to read or clone it)",
    supportsDryRun: true,
    examples,
    schema: {
      input: {
        repository: z =>
          z
            .string()
            .describe(
              'The repository name: lowercase letters, digits and hyphens, at most 63 characters',
            ),
        description: z =>
          z
            .string()
            .optional()
            .describe('A line saying what the repository is'),
        defaultBranch: z =>
          z
            .string()
            .optional()
            .describe('The branch of the first commit (default main)'),
        sourcePath: z =>
          z
            .string()
            .optional()
            .describe(
              'Publish only this folder of the workspace (default: all of it)',
            ),
        gitCommitMessage: z =>
          z
            .string()
            .optional()
            .describe('The first commit message (default "Initial commit")'),
      },
      output: {
        remoteUrl: z => z.string().describe('The URL to git clone'),
        repoContentsUrl: z =>
          z.string().describe("The URL of the repository's files"),
        catalogInfoUrl: z =>
          z
            .string()
            .optional()
            .describe('The URL of its catalog-info.yaml, for catalog:register'),
        commitHash: z => z.string().describe('The first commit'),
      },
    },
    async handler(ctx) {
      const { repository } = ctx.input;
      const branch = ctx.input.defaultBranch ?? 'main';
      LocalGitRepositories.validateName(repository);
      LocalGitRepositories.validateRef(branch, 'defaultBranch');
      const sourceDir = getRepoSourceDirectory(
        ctx.workspacePath,
        ctx.input.sourcePath,
      );
      const outputs = (commit: string) => {
        ctx.output('remoteUrl', urls.cloneUrl(repository));
        ctx.output('repoContentsUrl', urls.treeUrl(repository, branch));
        if (existsSync(join(sourceDir, 'catalog-info.yaml'))) {
          ctx.output(
            'catalogInfoUrl',
            urls.blobUrl(repository, branch, 'catalog-info.yaml'),
          );
        }
        ctx.output('commitHash', commit);
      };

      if (ctx.isDryRun) {
        if (repositories.exists(repository)) {
          throw new ConflictError(`repository: ${repository} already exists`);
        }
        ctx.logger.info(
          `Would publish ${sourceDir} as ${urls.cloneUrl(repository)}`,
        );
        outputs('0'.repeat(40));
        return;
      }

      // The trailer says which task made the repository, so a retried task that
      // lost its checkpoint recognises its own repository instead of failing on it.
      const trailer = `Scaffolder-Task: ${ctx.task.id}`;
      const commit = await ctx.checkpoint({
        key: `publish-${repository}`,
        fn: async () => {
          if (repositories.exists(repository)) {
            const head = await repositories
              .resolveCommit(repository, branch)
              .catch(() => undefined);
            if (
              head &&
              (await repositories.commitMessage(repository, head)).includes(
                trailer,
              )
            ) {
              return head;
            }
            throw new ConflictError(
              `repository: ${repository} already exists; choose another name`,
            );
          }
          const author = ctx.user?.entity?.spec?.profile;
          const published = await repositories.publish({
            name: repository,
            sourceDir,
            branch,
            message: `${
              ctx.input.gitCommitMessage ?? 'Initial commit'
            }\n\n${trailer}\n`,
            author: {
              name:
                author?.displayName ?? ctx.user?.ref ?? 'Backstage scaffolder',
              email: author?.email ?? 'scaffolder@backstage.invalid',
            },
            description: ctx.input.description,
          });
          return published.commit;
        },
      });
      ctx.logger.info(
        `Published ${urls.cloneUrl(repository)} at ${commit.slice(0, 12)}`,
      );
      outputs(commit);
    },
  });
}
