/**
 * The `paved:git:publish` scaffolder action: a template's workspace becomes a new
 * repository on the backend's own git host (`@paved/plugin-local-git-backend`).
 *
 * @packageDocumentation
 */
export { scaffolderModuleLocalGit as default } from './module';
export { createPavedGitPublishAction } from './actions/publish';
