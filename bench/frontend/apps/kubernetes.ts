/*
 * The portal's app without the environments plugin and with @backstage/plugin-kubernetes
 * (new frontend system) instead: the comparison. Built by bench/frontend.ts only.
 */
import { createApp } from '@backstage/frontend-defaults';
import catalogPlugin from '@backstage/plugin-catalog/alpha';
import kubernetesPlugin from '@backstage/plugin-kubernetes/alpha';
import { navModule } from '../../../packages/app/src/modules/nav';

export default createApp({
  features: [catalogPlugin, kubernetesPlugin, navModule],
});
