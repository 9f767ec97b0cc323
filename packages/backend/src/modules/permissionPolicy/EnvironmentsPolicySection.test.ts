import { permissionsServiceFactory } from '@backstage/backend-defaults/permissions';
import { permissionsRegistryServiceFactory } from '@backstage/backend-defaults/permissionsRegistry';
import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import permissionPlugin from '@backstage/plugin-permission-backend';
import environmentsPlugin from '@paved/plugin-environments-backend';
import request from 'supertest';
import { onBehalfOfHttpAuthServiceFactory } from '../../__testUtils__/onBehalfOfHttpAuth';
import { permissionModulePavedPolicy } from '.';

const groups: Record<string, string[]> = {
  'user:default/guest': ['group:default/checkout-team'],
  'user:default/priya': ['group:default/platform-team'],
  'user:default/outsider': [],
};

const as = (user: string) => mockCredentials.user.header(user);

async function startPortal() {
  const { server } = await startTestBackend({
    features: [
      environmentsPlugin,
      permissionPlugin,
      permissionModulePavedPolicy,
      permissionsServiceFactory,
      permissionsRegistryServiceFactory,
      onBehalfOfHttpAuthServiceFactory,
      mockServices.userInfo.mock({
        getUserInfo: async credentials => {
          const userEntityRef = (credentials.principal as { userEntityRef: string })
            .userEntityRef;
          return {
            userEntityRef,
            ownershipEntityRefs: [userEntityRef, ...(groups[userEntityRef] ?? [])],
          };
        },
      }).factory,
      mockServices.rootConfig.factory({
        data: {
          permission: { enabled: true },
          paved: { permissions: { platformGroup: 'group:default/platform-team' } },
          environments: {
            secrets: { key: Buffer.alloc(32, 5).toString('base64') },
            baselines: {
              preview: {
                rules: [
                  {
                    id: 'environment.cost-budget',
                    severity: 'high',
                    message: 'Within budget',
                    link: '/docs/default/component/platform-guidelines/baselines/#environment.cost-budget',
                    params: { max: 100 },
                  },
                ],
              },
            },
            classes: [
              {
                name: 'preview',
                tier: 'preview',
                lifecycle: 'ephemeral',
                ttl: { default: '1d', max: '7d' },
                baseline: 'preview',
              },
              { name: 'production', tier: 'production', lifecycle: 'static' },
              {
                name: 'production-approved',
                tier: 'production',
                lifecycle: 'static',
                approval: { always: true },
              },
            ],
          },
        },
      }),
      catalogServiceMock.factory({
        entities: [
          {
            apiVersion: 'backstage.io/v1alpha1',
            kind: 'Component',
            metadata: { name: 'checkout-api', namespace: 'default' },
            spec: { type: 'service', owner: 'group:default/checkout-team' },
          },
        ],
      }),
    ],
  });
  return request(server);
}

const environment = (name: string, environmentClass: string) => ({
  name,
  class: environmentClass,
  owner: 'group:default/checkout-team',
  entityRef: 'component:default/checkout-api',
});

describe('the portal policy for environments', () => {
  it('lets owners manage non-production environments and only the platform group touch production', async () => {
    const api = await startPortal();
    const create = (user: string, body: object) =>
      api.post('/api/environments/environments').set('Authorization', as(user)).send(body);

    const preview = await create('user:default/guest', environment('pr-1', 'preview'));
    expect(preview.status).toBe(202);

    const deniedProduction = await create('user:default/guest', environment('prod', 'production'));
    expect(deniedProduction.status).toBe(403);
    expect(deniedProduction.body.error.message).toMatch(
      /You may not create a production environment owned by group:default\/checkout-team \(permission environments\.environment\.create\)/,
    );

    const notTheirs = await create('user:default/outsider', environment('pr-2', 'preview'));
    expect(notTheirs.status).toBe(403);

    const production = await create('user:default/priya', environment('prod', 'production'));
    expect(production.status).toBe(202);

    // Everyone reads, owner or not.
    const list = await api
      .get('/api/environments/environments')
      .set('Authorization', as('user:default/outsider'));
    expect(list.body.items.map((e: { name: string }) => e.name)).toEqual(['prod', 'pr-1']);

    const prodId = production.body.environment.id;
    const previewId = preview.body.environment.id;
    const destroy = (user: string, id: string, confirm = '') =>
      api
        .delete(`/api/environments/environments/${id}${confirm && `?confirm=${confirm}`}`)
        .set('Authorization', as(user));

    const guestDestroysProduction = await destroy('user:default/guest', prodId, 'prod');
    expect(guestDestroysProduction.status).toBe(403);
    expect(guestDestroysProduction.body.error.message).toMatch(/environments\.environment\.delete/);

    expect((await destroy('user:default/outsider', previewId)).status).toBe(403);
    const extendByOutsider = await api
      .post(`/api/environments/environments/${previewId}/extend`)
      .set('Authorization', as('user:default/outsider'))
      .send({ ttl: '2d' });
    expect(extendByOutsider.status).toBe(403);

    expect((await destroy('user:default/guest', previewId)).status).toBe(202);
    expect((await destroy('user:default/priya', prodId, 'prod')).status).toBe(202);
  });

  it('lets owners ask for production where it waits for approval, and only the platform group decide', async () => {
    const api = await startPortal();
    const asked = await api
      .post('/api/environments/environments')
      .set('Authorization', as('user:default/guest'))
      .send(environment('prod', 'production-approved'));
    expect(asked.status).toBe(202);
    expect(asked.body.environment.status).toBe('awaiting-approval');
    expect(asked.body.approval.approvers).toBe('group:default/platform-team');
    const id = asked.body.approval.requestId;
    const decide = (user: string, body: object) =>
      api
        .post(`/api/environments/requests/${id}/decision`)
        .set('Authorization', as(user))
        .send(body);

    expect((await decide('user:default/guest', { decision: 'approve' })).status).toBe(403);
    expect((await decide('user:default/outsider', { decision: 'approve' })).status).toBe(403);
    const approved = await decide('user:default/priya', { decision: 'approve' });
    expect(approved.status).toBe(200);
    expect(approved.body.state).toBe('approved');
  });

  it('lets owners ask for a baseline exception, and only another platform member decide it', async () => {
    const api = await startPortal();
    const created = await api
      .post('/api/environments/environments')
      .set('Authorization', as('user:default/guest'))
      .send(environment('pr-9', 'preview'));
    const id = created.body.environment.id;
    const ask = (user: string) =>
      api
        .post(`/api/environments/environments/${id}/exceptions`)
        .set('Authorization', as(user))
        .send({
          rule: 'environment.cost-budget',
          justification: 'a bigger preview for the load test',
          until: new Date(Date.now() + 86_400_000).toISOString(),
        });
    const outsiderAsks = await ask('user:default/outsider');
    expect(outsiderAsks.status).toBe(403);
    expect(outsiderAsks.body.error.message).toMatch(/environments\.environment\.update/);
    const asked = await ask('user:default/guest');
    expect(asked.status).toBe(201);
    expect(asked.body.approvers).toBe('group:default/platform-team');

    const decide = (user: string, body: object) =>
      api
        .post(`/api/environments/exceptions/${asked.body.id}/decision`)
        .set('Authorization', as(user))
        .send(body);
    const guestDecides = await decide('user:default/guest', { decision: 'approve' });
    expect(guestDecides.status).toBe(403);
    expect(guestDecides.body.error.message).toMatch(/environments\.exception\.approve/);
    expect((await decide('user:default/outsider', { decision: 'approve' })).status).toBe(403);
    expect((await decide('user:default/priya', { decision: 'reject' })).status).toBe(400);
    const approved = await decide('user:default/priya', { decision: 'approve' });
    expect(approved.status).toBe(200);
    expect(approved.body).toMatchObject({ state: 'approved', decidedBy: 'user:default/priya' });
    expect((await decide('user:default/priya', { decision: 'approve' })).status).toBe(409);
  });

  it('lets everyone read goals, and only the platform group record their snapshots on demand', async () => {
    const api = await startPortal();
    const goals = await api.get('/api/environments/goals').set('Authorization', as('user:default/outsider'));
    expect([goals.status, goals.body.items]).toEqual([200, []]);
    const snapshot = (user: string) =>
      api.post('/api/environments/goals/snapshots').set('Authorization', as(user));
    const guestAsks = await snapshot('user:default/guest');
    expect(guestAsks.status).toBe(403);
    expect(guestAsks.body.error.message).toMatch(/environments\.goal\.snapshot/);
    const taken = await snapshot('user:default/priya');
    expect(taken.status).toBe(200);
    expect(taken.body.items).toEqual([]);
  });
});
