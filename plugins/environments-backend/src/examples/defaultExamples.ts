import { ExampleEnvironment } from './readExamplesConfig';

/**
 * What `environments.examples: true` creates: the embedded portal's example data
 * (examples/ and app-config.yaml), chosen so each shipped goal measures something. The
 * storefront's website has the production and staging pair; the checkout and storefront
 * teams each have a development environment, so checkout's budget goal and the
 * development lead-time goal count real ones; one preview expires on its own.
 */
export const DEFAULT_EXAMPLES: ExampleEnvironment[] = [
  {
    name: 'production',
    class: 'production',
    owner: 'group:default/storefront-team',
    entityRef: 'component:default/storefront-web',
    resources: [{ type: 'postgres-database', name: 'shop' }],
  },
  {
    name: 'staging',
    class: 'staging',
    owner: 'group:default/storefront-team',
    entityRef: 'component:default/storefront-web',
    resources: [{ type: 'postgres-database', name: 'shop' }],
  },
  {
    name: 'dev',
    class: 'development',
    owner: 'group:default/storefront-team',
    entityRef: 'component:default/storefront-web',
    resources: [{ type: 'postgres-database', name: 'shop' }],
  },
  {
    name: 'dev',
    class: 'development',
    owner: 'group:default/checkout-team',
    entityRef: 'component:default/payments-worker',
    resources: [{ type: 'postgres-database', name: 'ledger' }],
  },
  {
    name: 'pr-128',
    class: 'preview',
    owner: 'group:default/storefront-team',
    entityRef: 'component:default/storefront-web',
    ttl: '3d',
    resources: [{ type: 'postgres-database', name: 'shop' }],
  },
];
