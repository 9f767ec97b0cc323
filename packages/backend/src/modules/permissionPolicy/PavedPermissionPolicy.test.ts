import {
  AuthorizeResult,
  createPermission,
} from '@backstage/plugin-permission-common';
import { PavedPermissionPolicy, PolicySection } from './PavedPermissionPolicy';

const readDocs = createPermission({
  name: 'docs.read',
  attributes: { action: 'read' },
});
const deleteDocs = createPermission({
  name: 'docs.delete',
  attributes: { action: 'delete' },
});

/** A section that only has an opinion on deleting. */
const denyDeletes: PolicySection = {
  async decide(request) {
    return request.permission.name === deleteDocs.name
      ? { result: AuthorizeResult.DENY }
      : undefined;
  },
};

describe('PavedPermissionPolicy', () => {
  it('allows what no section has an opinion on', async () => {
    const policy = new PavedPermissionPolicy([denyDeletes]);
    await expect(policy.handle({ permission: readDocs })).resolves.toEqual({
      result: AuthorizeResult.ALLOW,
    });
  });

  it('takes the decision of the first section that answers', async () => {
    const allowEverything: PolicySection = {
      decide: async () => ({ result: AuthorizeResult.ALLOW }),
    };
    await expect(
      new PavedPermissionPolicy([denyDeletes, allowEverything]).handle({
        permission: deleteDocs,
      }),
    ).resolves.toEqual({ result: AuthorizeResult.DENY });
    await expect(
      new PavedPermissionPolicy([allowEverything, denyDeletes]).handle({
        permission: deleteDocs,
      }),
    ).resolves.toEqual({ result: AuthorizeResult.ALLOW });
  });
});
