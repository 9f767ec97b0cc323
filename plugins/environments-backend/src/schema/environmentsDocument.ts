import {
  addResourcesRequestSchema,
  createEnvironmentRequestSchema,
  durationSchema,
  entityRefSchema,
  environmentAndOperationSchema,
  environmentClassListSchema,
  environmentClassSummarySchema,
  environmentListSchema,
  environmentNameSchema,
  environmentPlanSchema,
  environmentResourceSchema,
  environmentSchema,
  environmentsApiRoutes,
  environmentStatusSchema,
  errorBodySchema,
  extendEnvironmentRequestSchema,
  findingListSchema,
  findingSchema,
  findingSeveritySchema,
  groupRefSchema,
  lifecycleSchema,
  monthlyCostSchema,
  operationListSchema,
  operationSchema,
  operationStateSchema,
  operationTypeSchema,
  plannedResourceSchema,
  resourceNameSchema,
  resourceRequestSchema,
  resourceSecretSchema,
  resourceStatusSchema,
  tierSchema,
  timestampSchema,
  validationMessageSchema,
} from '@paved/plugin-environments-common';
import { createOpenApiDocument } from './openApiDocument';

/**
 * The environments API's OpenAPI document, made from the route table of
 * `@paved/plugin-environments-common`. `yarn generate:api` writes it to openapi.yaml
 * beside this file; `npm test` fails while the file says something else.
 */
export function environmentsOpenApiDocument() {
  return createOpenApiDocument({
    info: {
      title: 'environments',
      version: '1',
      description: [
        'The Paved environments service: environments of components and systems, their resources, and the operations that provision them. Mounted under `/api/environments`.',
        "Every route needs a user or service token (the secret route: a user token). Errors use Backstage's error body; the message names the field and the rule, as `field: rule`, e.g. `name: must be at most 30 characters`.",
        "The route table `environmentsApiRoutes` of `@paved/plugin-environments-common` is the source of this document, of the router's validation and of the client; `src/schema/openapi.test.ts` runs every route against the real plugin and checks its answers against this document.",
      ].join('\n\n'),
      license: {
        name: 'Apache-2.0',
        url: 'http://www.apache.org/licenses/LICENSE-2.0.html',
      },
    },
    servers: [{ url: '/api/environments' }],
    securitySchemes: {
      JWT: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' },
    },
    routes: environmentsApiRoutes,
    // Requests
    schemas: {
      EnvironmentName: environmentNameSchema,
      ResourceName: resourceNameSchema,
      GroupRef: groupRefSchema,
      EntityRef: entityRefSchema,
      Duration: durationSchema,
      ResourceRequest: resourceRequestSchema,
      CreateEnvironmentRequest: createEnvironmentRequestSchema,
      AddResourcesRequest: addResourcesRequestSchema,
      ExtendEnvironmentRequest: extendEnvironmentRequestSchema,
      // Both
      Tier: tierSchema,
      EnvironmentStatus: environmentStatusSchema,
      RuleSeverity: findingSeveritySchema,
      // Answers
      Lifecycle: lifecycleSchema,
      ResourceStatus: resourceStatusSchema,
      OperationType: operationTypeSchema,
      OperationState: operationStateSchema,
      Timestamp: timestampSchema,
      MonthlyCost: monthlyCostSchema,
      EnvironmentResource: environmentResourceSchema,
      Environment: environmentSchema,
      EnvironmentClassList: environmentClassListSchema,
      EnvironmentClassSummary: environmentClassSummarySchema,
      Operation: operationSchema,
      ValidationMessage: validationMessageSchema,
      PlannedResource: plannedResourceSchema,
      EnvironmentPlan: environmentPlanSchema,
      EnvironmentAndOperation: environmentAndOperationSchema,
      EnvironmentList: environmentListSchema,
      Finding: findingSchema,
      FindingList: findingListSchema,
      OperationList: operationListSchema,
      ResourceSecret: resourceSecretSchema,
      Error: errorBodySchema,
    },
  });
}
