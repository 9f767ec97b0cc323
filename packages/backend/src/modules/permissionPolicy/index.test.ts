import { mockCredentials, startTestBackend } from '@backstage/backend-test-utils';
import permissionPlugin from '@backstage/plugin-permission-backend';
import request from 'supertest';
import { permissionModulePavedPolicy } from '.';

describe('permissionModulePavedPolicy', () => {
  it('answers authorize requests through the real permission backend', async () => {
    const { server } = await startTestBackend({
      features: [
        permissionPlugin,
        permissionModulePavedPolicy,
      ],
    });

    const response = await request(server)
      .post('/api/permission/authorize')
      .set('Authorization', mockCredentials.user.header('user:default/guest'))
      .send({
        items: [
          {
            id: 'one',
            permission: {
              type: 'basic',
              name: 'catalog.entity.create',
              attributes: { action: 'create' },
            },
          },
        ],
      });

    expect(response.status).toBe(200);
    expect(response.body).toEqual({ items: [{ id: 'one', result: 'ALLOW' }] });
  });
});
