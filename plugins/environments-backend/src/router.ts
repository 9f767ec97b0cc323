import { HttpAuthService } from '@backstage/backend-plugin-api';
import { InputError } from '@backstage/errors';
import {
  ApiRoute,
  describeIssues,
  environmentsApiRoutes as routes,
  goalHistoryFileName,
  normalizeEntityRef,
} from '@paved/plugin-environments-common';
import express from 'express';
import Router from 'express-promise-router';
import { z } from 'zod';
import { goalHistoryCsv } from './goals/goalHistoryCsv';
import { GoalsService } from './goals/GoalsService';
import { EnvironmentsService } from './services/EnvironmentsService';
import { toListQuery } from './useCases/toListQuery';

type Parsed<S> = S extends z.ZodType ? z.output<S> : undefined;

/** A request as its route's schemas read it; the first part that breaks a rule is a 400. */
function parseRequest<R extends ApiRoute>(route: R, req: express.Request) {
  const parse = (schema: z.ZodType | undefined, value: unknown) => {
    if (!schema) return undefined;
    const result = schema.safeParse(value);
    if (!result.success) throw new InputError(describeIssues(result.error));
    return result.data;
  };
  const headers = route.headers
    ? Object.fromEntries(
        Object.keys(route.headers.shape).map(name => [name, req.header(name)]),
      )
    : undefined;
  // The body first: a request a person wrote is most often wrong there.
  const body = parse(route.body, req.body);
  return {
    body: body as Parsed<R['body']>,
    query: parse(route.query, req.query) as Parsed<R['query']>,
    headers: parse(route.headers, headers) as Parsed<R['headers']>,
  };
}

/** Express's spelling of an OpenAPI path: `/environments/:id`. */
function expressPath(route: ApiRoute): string {
  return route.path.replace(/\{(\w+)\}/g, ':$1');
}

const normalizeRefs = (refs: string | string[] | undefined) =>
  refs === undefined
    ? undefined
    : ([] as string[]).concat(refs).map(normalizeEntityRef);

/**
 * The HTTP adapter: routes and validation come from the route table of
 * @paved/plugin-environments-common; each handler asks the service. @internal
 */
export async function createRouter(options: {
  httpAuth: HttpAuthService;
  environments: EnvironmentsService;
  goals: GoalsService;
}): Promise<express.Router> {
  const { httpAuth, environments, goals } = options;
  const router = Router();
  router.use(express.json());
  const writer = (req: express.Request) =>
    httpAuth.credentials(req, { allow: ['user', 'service'] });

  router.post(expressPath(routes.createEnvironment), async (req, res) => {
    const credentials = await writer(req);
    const { body, query, headers } = parseRequest(
      routes.createEnvironment,
      req,
    );
    const result = await environments.create(body, {
      credentials,
      dryRun: query.dryRun,
      idempotencyKey: headers['Idempotency-Key'],
      scaffolderTaskId: headers['x-paved-scaffolder-task-id'],
    });
    res.status(query.dryRun ? 200 : 202).json(result);
  });

  router.get(expressPath(routes.listEnvironments), async (req, res) => {
    const credentials = await httpAuth.credentials(req);
    const { query } = parseRequest(routes.listEnvironments, req);
    res.json(
      await environments.list(
        toListQuery({ ...query, entityRefs: query.entityRef }),
        credentials,
      ),
    );
  });

  router.get(expressPath(routes.getEnvironment), async (req, res) => {
    const credentials = await httpAuth.credentials(req);
    res.json(await environments.get(req.params.id, credentials));
  });

  router.get(expressPath(routes.getOperations), async (req, res) => {
    const credentials = await httpAuth.credentials(req);
    res.json({
      items: await environments.operations(req.params.id, credentials),
    });
  });

  router.get(expressPath(routes.getFindings), async (req, res) => {
    const credentials = await httpAuth.credentials(req);
    res.json({
      items: await environments.findings(req.params.id, credentials),
    });
  });

  router.get(expressPath(routes.listFindings), async (req, res) => {
    const credentials = await httpAuth.credentials(req);
    const { query } = parseRequest(routes.listFindings, req);
    res.json({
      items: await environments.listFindings(
        {
          entityRefs: normalizeRefs(query.entityRef),
          severity: query.severity,
          state: query.state,
        },
        credentials,
      ),
    });
  });

  router.post(expressPath(routes.addResources), async (req, res) => {
    const credentials = await writer(req);
    const { body, query } = parseRequest(routes.addResources, req);
    const result = await environments.addResources(
      req.params.id,
      body.resources,
      credentials,
      { dryRun: query.dryRun },
    );
    res.status(query.dryRun ? 200 : 202).json(result);
  });

  router.post(expressPath(routes.extendEnvironment), async (req, res) => {
    const credentials = await writer(req);
    const { body } = parseRequest(routes.extendEnvironment, req);
    res.json(await environments.extend(req.params.id, body.ttl, credentials));
  });

  router.post(expressPath(routes.retryEnvironment), async (req, res) => {
    const credentials = await writer(req);
    res.status(202).json(await environments.retry(req.params.id, credentials));
  });

  router.get(expressPath(routes.listClasses), async (req, res) => {
    await httpAuth.credentials(req);
    res.json({ items: environments.classes() });
  });

  router.delete(expressPath(routes.destroyEnvironment), async (req, res) => {
    const credentials = await writer(req);
    const { query } = parseRequest(routes.destroyEnvironment, req);
    res
      .status(202)
      .json(
        await environments.destroy(req.params.id, query.confirm, credentials),
      );
  });

  router.get(expressPath(routes.revealSecret), async (req, res) => {
    const credentials = await httpAuth.credentials(req, { allow: ['user'] });
    res.setHeader('Cache-Control', 'no-store');
    res.json(await environments.revealSecret(req.params.id, credentials));
  });

  router.get(expressPath(routes.listRequests), async (req, res) => {
    const credentials = await httpAuth.credentials(req);
    const { query } = parseRequest(routes.listRequests, req);
    const { entityRef, owner, ...filters } = query;
    res.json({
      items: await environments.listRequests(
        {
          ...filters,
          owner: owner && normalizeEntityRef(owner),
          entityRefs: normalizeRefs(entityRef),
        },
        credentials,
      ),
    });
  });

  router.post(expressPath(routes.decideRequest), async (req, res) => {
    const credentials = await httpAuth.credentials(req, { allow: ['user'] });
    const { body } = parseRequest(routes.decideRequest, req);
    res.json(
      await environments.decideRequest(req.params.id, body, credentials),
    );
  });

  router.post(expressPath(routes.withdrawRequest), async (req, res) => {
    const credentials = await writer(req);
    res.json(await environments.withdrawRequest(req.params.id, credentials));
  });

  router.post(expressPath(routes.requestException), async (req, res) => {
    const credentials = await writer(req);
    const { body } = parseRequest(routes.requestException, req);
    res
      .status(201)
      .json(
        await environments.requestException(req.params.id, body, credentials),
      );
  });

  router.get(expressPath(routes.listExceptions), async (req, res) => {
    const credentials = await httpAuth.credentials(req);
    const { query } = parseRequest(routes.listExceptions, req);
    const { entityRef, ...filters } = query;
    res.json({
      items: await environments.listExceptions(
        { ...filters, entityRefs: normalizeRefs(entityRef) },
        credentials,
      ),
    });
  });

  router.post(expressPath(routes.decideException), async (req, res) => {
    const credentials = await httpAuth.credentials(req, { allow: ['user'] });
    const { body } = parseRequest(routes.decideException, req);
    res.json(
      await environments.decideException(req.params.id, body, credentials),
    );
  });

  router.get(expressPath(routes.listGoals), async (req, res) => {
    await httpAuth.credentials(req);
    const { query } = parseRequest(routes.listGoals, req);
    res.json({ items: await goals.list(query) });
  });

  router.get(expressPath(routes.getGoal), async (req, res) => {
    const credentials = await httpAuth.credentials(req);
    res.json(await goals.get(req.params.id, credentials));
  });

  router.get(expressPath(routes.getGoalHistory), async (req, res) => {
    await httpAuth.credentials(req);
    const { query } = parseRequest(routes.getGoalHistory, req);
    const { format, ...range } = query;
    const history = await goals.history(req.params.id, range);
    res.attachment(goalHistoryFileName(history.goalId, format));
    if (format === 'csv') res.type('text/csv').send(goalHistoryCsv(history));
    else res.json(history);
  });

  router.post(expressPath(routes.snapshotGoals), async (req, res) => {
    const credentials = await writer(req);
    res.json(await goals.snapshotOnDemand(credentials));
  });

  return router;
}
