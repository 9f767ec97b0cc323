import { HttpAuthService } from '@backstage/backend-plugin-api';
import { InputError } from '@backstage/errors';
import {
  createEnvironmentRequestSchema,
  addResourcesRequestSchema,
  describeIssues,
  ENVIRONMENT_STATUSES,
  EnvironmentStatus,
  extendEnvironmentRequestSchema,
  normalizeEntityRef,
  Tier,
  TIERS,
} from '@paved/plugin-environments-common';
import express from 'express';
import Router from 'express-promise-router';
import { z } from 'zod';
import { EnvironmentsService } from './services/EnvironmentsService';

const listQuerySchema = z
  .object({
    entityRef: z.union([z.string(), z.array(z.string())]).optional(),
    owner: z.string().optional(),
    class: z.string().optional(),
    tier: z.enum(TIERS as [Tier, ...Tier[]]).optional(),
    status: z.enum(ENVIRONMENT_STATUSES as [EnvironmentStatus, ...EnvironmentStatus[]]).optional(),
    expiringBefore: z.iso.datetime({ offset: true, message: 'must be an ISO 8601 date-time' }).optional(),
    limit: z.coerce.number().int().min(1).max(500).default(50),
    cursor: z.string().regex(/^\d+$/, 'must be a cursor from an earlier page').optional(),
    hasFindings: z.enum(['true', 'false'], { error: 'must be true or false' }).optional(),
  })
  .strict();

const findingsQuerySchema = z
  .object({
    entityRef: z.union([z.string(), z.array(z.string())]).optional(),
    severity: z.enum(['blocking', 'high', 'low']).optional(),
    state: z.enum(['open', 'resolved']).optional(),
  })
  .strict();

const idempotencyKeySchema = z
  .string()
  .min(1, 'must not be empty')
  .max(255, 'must be at most 255 characters')
  .optional();

const dryRunSchema = z
  .enum(['true', 'false'], { error: 'must be true or false' })
  .optional();

const scaffolderTaskIdSchema = z
  .string()
  .max(255, 'must be at most 255 characters')
  .optional();

function parse<T extends z.ZodType>(schema: T, value: unknown, prefix?: string): z.output<T> {
  const result = schema.safeParse(value);
  if (!result.success) {
    throw new InputError(describeIssues(result.error, prefix));
  }
  return result.data;
}

/** The HTTP adapter: validates at the edge, then asks the service. @internal */
export async function createRouter(options: {
  httpAuth: HttpAuthService;
  environments: EnvironmentsService;
}): Promise<express.Router> {
  const { httpAuth, environments } = options;
  const router = Router();
  router.use(express.json());

  router.post('/environments', async (req, res) => {
    const credentials = await httpAuth.credentials(req, { allow: ['user', 'service'] });
    const body = parse(createEnvironmentRequestSchema, req.body);
    const dryRun = parse(dryRunSchema, req.query.dryRun, 'dryRun') === 'true';
    const idempotencyKey = parse(
      idempotencyKeySchema,
      req.header('idempotency-key'),
      'Idempotency-Key',
    );
    const result = await environments.create(body, {
      credentials,
      dryRun,
      idempotencyKey,
      scaffolderTaskId: parse(
        scaffolderTaskIdSchema,
        req.header('x-paved-scaffolder-task-id'),
        'x-paved-scaffolder-task-id',
      ),
    });
    res.status(dryRun ? 200 : 202).json(result);
  });

  router.get('/environments', async (req, res) => {
    const credentials = await httpAuth.credentials(req);
    const query = parse(listQuerySchema, req.query);
    res.json(
      await environments.list(
        {
          entityRefs:
            query.entityRef === undefined
              ? undefined
              : ([] as string[]).concat(query.entityRef).map(normalizeEntityRef),
          owner: query.owner && normalizeEntityRef(query.owner),
          class: query.class,
          tier: query.tier,
          status: query.status,
          expiringBefore: query.expiringBefore && new Date(query.expiringBefore).toISOString(),
          includeDestroyed: query.status === 'destroyed',
          hasFindings: query.hasFindings === undefined ? undefined : query.hasFindings === 'true',
          limit: query.limit,
          offset: Number(query.cursor ?? 0),
        },
        credentials,
      ),
    );
  });

  router.get('/environments/:id', async (req, res) => {
    const credentials = await httpAuth.credentials(req);
    res.json(await environments.get(req.params.id, credentials));
  });

  router.get('/environments/:id/operations', async (req, res) => {
    const credentials = await httpAuth.credentials(req);
    res.json({ items: await environments.operations(req.params.id, credentials) });
  });

  router.get('/environments/:id/findings', async (req, res) => {
    const credentials = await httpAuth.credentials(req);
    res.json({ items: await environments.findings(req.params.id, credentials) });
  });

  router.get('/findings', async (req, res) => {
    const credentials = await httpAuth.credentials(req);
    const query = parse(findingsQuerySchema, req.query);
    res.json({
      items: await environments.listFindings(
        {
          entityRefs:
            query.entityRef === undefined
              ? undefined
              : ([] as string[]).concat(query.entityRef).map(normalizeEntityRef),
          severity: query.severity,
          state: query.state,
        },
        credentials,
      ),
    });
  });

  router.post('/environments/:id/resources', async (req, res) => {
    const credentials = await httpAuth.credentials(req, { allow: ['user', 'service'] });
    const { resources } = parse(addResourcesRequestSchema, req.body);
    res.status(202).json(await environments.addResources(req.params.id, resources, credentials));
  });

  router.post('/environments/:id/extend', async (req, res) => {
    const credentials = await httpAuth.credentials(req, { allow: ['user', 'service'] });
    const { ttl } = parse(extendEnvironmentRequestSchema, req.body);
    res.json(await environments.extend(req.params.id, ttl, credentials));
  });

  router.post('/environments/:id/retry', async (req, res) => {
    const credentials = await httpAuth.credentials(req, { allow: ['user', 'service'] });
    res.status(202).json(await environments.retry(req.params.id, credentials));
  });

  router.get('/classes', async (req, res) => {
    await httpAuth.credentials(req);
    res.json({ items: environments.classes() });
  });

  router.delete('/environments/:id', async (req, res) => {
    const credentials = await httpAuth.credentials(req, { allow: ['user', 'service'] });
    const confirm = typeof req.query.confirm === 'string' ? req.query.confirm : undefined;
    res.status(202).json(await environments.destroy(req.params.id, confirm, credentials));
  });

  router.get('/resources/:id/secret', async (req, res) => {
    const credentials = await httpAuth.credentials(req, { allow: ['user'] });
    res.setHeader('Cache-Control', 'no-store');
    res.json(await environments.revealSecret(req.params.id, credentials));
  });

  return router;
}
