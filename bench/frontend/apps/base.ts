/*
 * The portal's app without the environments plugin: the floor the other builds are
 * measured against. Built by bench/frontend.ts only; discovery is narrowed the same way
 * (the generated package.json drops @paved/plugin-environments).
 */
import { createApp } from '@backstage/frontend-defaults';
import catalogPlugin from '@backstage/plugin-catalog/alpha';
import { navModule } from '../../../packages/app/src/modules/nav';

export default createApp({
  features: [catalogPlugin, navModule],
});
