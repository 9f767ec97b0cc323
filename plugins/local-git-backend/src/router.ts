import { InputError } from '@backstage/errors';
import express from 'express';
import Router from 'express-promise-router';
import { LocalGitRepositories, normalizePath } from './LocalGitRepositories';
import { LocalGitUrls } from './localGitUrls';

/** The files `git clone` fetches over plain ("dumb") HTTP, and nothing else. */
const DUMB_HTTP_FILE =
  /^\/([a-z0-9-]+)\.git\/(HEAD|info\/refs|objects\/info\/packs|objects\/[0-9a-f]{2}\/[0-9a-f]{38}|objects\/pack\/pack-[0-9a-f]{40}\.(?:pack|idx))$/;

/**
 * Read-only HTTP access without credentials: clone over HTTP, raw files and folder
 * listings. Repositories are only ever written by the publish action.
 */
export function createRouter(options: {
  repositories: LocalGitRepositories;
  urls: LocalGitUrls;
}): express.Router {
  const { repositories, urls } = options;
  const router = Router();

  router.get('/', async (_req, res) => {
    const names = await repositories.list();
    res.json({
      items: names.map(name => ({
        name,
        cloneUrl: urls.cloneUrl(name),
        url: urls.treeUrl(name, 'HEAD'),
      })),
    });
  });

  router.get(DUMB_HTTP_FILE, async (req, res) => {
    const [name, file] = [req.params[0], req.params[1]];
    if (!repositories.exists(name)) {
      res
        .status(404)
        .type('text/plain')
        .send(`There is no repository named ${name}\n`);
      return;
    }
    // Objects never change once written; the refs do.
    res.setHeader(
      'Cache-Control',
      file.startsWith('objects/')
        ? 'public, max-age=31536000, immutable'
        : 'no-cache',
    );
    res.sendFile(
      file,
      { root: repositories.gitDir(name), dotfiles: 'deny' },
      error => {
        if (error && !res.headersSent)
          res.status(404).type('text/plain').send('Not found\n');
      },
    );
  });

  router.get('/:name/blob/:ref/*', async (req, res) => {
    const { name, ref } = req.params;
    const commit = await repositories.resolveCommit(name, ref);
    const data = await repositories.readFile(
      name,
      commit,
      (req.params as any)[0],
    );
    res.setHeader('ETag', `"${commit}"`);
    res.type('text/plain').send(data);
  });

  router.get(['/:name/tree/:ref', '/:name/tree/:ref/*'], async (req, res) => {
    const { name, ref } = req.params;
    const dir = normalizePath((req.params as any)[0] ?? '');
    const commit = await repositories.resolveCommit(name, ref);
    const files = await repositories.listFiles(name, commit, dir);
    if (!files.length) {
      throw new InputError(`${name} has no folder ${dir || '/'} at ${ref}`);
    }
    const items = files
      .map(
        path =>
          `<li><a href="${escape(urls.blobUrl(name, ref, path))}">${escape(
            path,
          )}</a></li>`,
      )
      .join('\n');
    res.type('html').send(
      `<!doctype html><meta charset="utf-8"><title>${escape(name)}</title>
<h1>${escape(name)} <small>${escape(ref)} (${commit.slice(0, 12)})</small></h1>
<p>Clone: <code>git clone ${escape(urls.cloneUrl(name))}</code></p>
<ul>
${items}
</ul>
`,
    );
  });

  return router;
}

function escape(text: string): string {
  return text.replace(/[&<>"']/g, c => `&#${c.charCodeAt(0)};`);
}
