import { z } from 'zod';
import {
  approvalRequestSchema,
  decideRequestBodySchema,
} from './api/schemas/approvals';
import { environmentClassSummarySchema } from './api/schemas/classes';
import {
  baselineExceptionSchema,
  requestExceptionBodySchema,
} from './api/schemas/exceptions';
import {
  approvalStateSchema,
  environmentStatusSchema,
  exceptionStateSchema,
  findingSeveritySchema,
  lifecycleSchema,
  operationStateSchema,
  operationTypeSchema,
  resourceStatusSchema,
  tierSchema,
} from './api/schemas/enums';
import {
  environmentListSchema,
  environmentResourceSchema,
  environmentSchema,
  monthlyCostSchema,
  resourceOutputsSchema,
} from './api/schemas/environment';
import { findingListSchema, findingSchema } from './api/schemas/findings';
import {
  goalBreakdownRowSchema,
  goalDetailSchema,
  goalHistoryQuerySchema,
  goalHistoryRowSchema,
  goalHistorySchema,
  goalHolderSchema,
  goalSchema,
  goalScopeSchema,
  goalSnapshotRunSchema,
  goalSnapshotSchema,
  goalStatusSchema,
  listGoalsQuerySchema,
} from './api/schemas/goals';
import { operationSchema } from './api/schemas/operation';
import {
  approvalNeedSchema,
  environmentAndOperationSchema,
  environmentPlanSchema,
  validationMessageSchema,
} from './api/schemas/plan';
import {
  listEnvironmentsQuerySchema,
  listExceptionsQuerySchema,
  listFindingsQuerySchema,
  listRequestsQuerySchema,
} from './api/schemas/queries';
import {
  createEnvironmentRequestSchema,
  resourceRequestSchema,
} from './api/schemas/requests';

// The API's types, derived from its zod schemas (src/api/schemas): what a field means
// is said there, once, and reaches the OpenAPI document from there too.

/** What an environment is for; decides its guarantees and who may change it. @public */
export type Tier = z.output<typeof tierSchema>;

/** @public */
export const TIERS: readonly Tier[] = tierSchema.options;

/** Static environments live until destroyed; ephemeral ones expire. @public */
export type Lifecycle = z.output<typeof lifecycleSchema>;

/** An environment's status, derived from its resources and running operations. @public */
export type EnvironmentStatus = z.output<typeof environmentStatusSchema>;

/** @public */
export const ENVIRONMENT_STATUSES: readonly EnvironmentStatus[] =
  environmentStatusSchema.options;

/** @public */
export type ResourceStatus = z.output<typeof resourceStatusSchema>;

/** @public */
export type OperationType = z.output<typeof operationTypeSchema>;

/** @public */
export type OperationState = z.output<typeof operationStateSchema>;

/** Non-secret values a resource exposes: host, port, database, user, URLs. @public */
export type ResourceOutputs = z.output<typeof resourceOutputsSchema>;

/** @public */
export type EnvironmentResource = z.output<typeof environmentResourceSchema>;

/** @public */
export type MonthlyCost = z.output<typeof monthlyCostSchema>;

/** @public */
export type Environment = z.output<typeof environmentSchema>;

/** @public */
export type Operation = z.output<typeof operationSchema>;

/** How much breaking a baseline rule matters. @public */
export type FindingSeverity = z.output<typeof findingSeveritySchema>;

/**
 * A baseline rule a live environment or resource breaks, seen by the reconciler: open
 * until it sees the rule met again. @public
 */
export type Finding = z.output<typeof findingSchema>;

/** @public */
export type FindingList = z.output<typeof findingListSchema>;

/** One check of a request against its class, in a plan or a refusal. @public */
export type ValidationMessage = z.output<typeof validationMessageSchema>;

/** What a create request would do, without doing it (`?dryRun=true`). @public */
export type EnvironmentPlan = z.output<typeof environmentPlanSchema>;

/**
 * What a configured environment class offers, as forms and cards need it.
 * Durations are in the form the config uses (`24h`, `7d`).
 * @public
 */
export type EnvironmentClassSummary = z.output<
  typeof environmentClassSummarySchema
>;

/** What a create, add, extend, destroy or retry answers. @public */
export type CreateEnvironmentResponse = z.output<
  typeof environmentAndOperationSchema
>;

/** @public */
export type EnvironmentList = z.output<typeof environmentListSchema>;

/** The body of `POST /environments`, as a caller writes it. @public */
export type CreateEnvironmentRequest = z.input<
  typeof createEnvironmentRequestSchema
>;

/** @public */
export type ResourceRequest = z.input<typeof resourceRequestSchema>;

/** The filters and page of `GET /environments`. @public */
export type ListEnvironmentsRequest = Partial<
  z.output<typeof listEnvironmentsQuerySchema>
>;

/** The filters of `GET /findings`. @public */
export type ListFindingsRequest = Partial<
  z.output<typeof listFindingsQuerySchema>
>;

/** Where a request that needed approval stands. @public */
export type ApprovalState = z.output<typeof approvalStateSchema>;

/** A request that needed approval, with its plan and decision. @public */
export type ApprovalRequest = z.output<typeof approvalRequestSchema>;

/** Why a request needs approval and who gives it. @public */
export type ApprovalNeed = z.output<typeof approvalNeedSchema>;

/** The filters of `GET /requests`. @public */
export type ListRequestsRequest = Partial<
  z.output<typeof listRequestsQuerySchema>
>;

/** An approver's answer to a request. @public */
export type RequestDecision = z.input<typeof decideRequestBodySchema>;

/** Where an exception to a baseline rule stands. @public */
export type ExceptionState = z.output<typeof exceptionStateSchema>;

/** A time-boxed exception to a `high` baseline rule, with its decision. @public */
export type BaselineException = z.output<typeof baselineExceptionSchema>;

/** What a developer asks for: the rule, the resource, why and until when. @public */
export type ExceptionRequest = z.input<typeof requestExceptionBodySchema>;

/** The filters of `GET /exceptions`. @public */
export type ListExceptionsRequest = Partial<
  z.output<typeof listExceptionsQuerySchema>
>;

/** Where a goal stands against its target and due date. @public */
export type GoalStatus = z.output<typeof goalStatusSchema>;

/** Which environments a goal is about. @public */
export type GoalScope = z.output<typeof goalScopeSchema>;

/** One day of a goal's history. @public */
export type GoalSnapshot = z.output<typeof goalSnapshotSchema>;

/** A goal with its current value and the last 90 days of snapshots. @public */
export type Goal = z.output<typeof goalSchema>;

/** The goal's value over one owner group's or class's environments. @public */
export type GoalBreakdownRow = z.output<typeof goalBreakdownRowSchema>;

/** An environment that keeps a goal from its target. @public */
export type GoalHolder = z.output<typeof goalHolderSchema>;

/** A goal with its breakdown and the environments that hold it back. @public */
export type GoalDetail = z.output<typeof goalDetailSchema>;

/** What `POST /goals/snapshots` recorded. @public */
export type GoalSnapshotRun = z.output<typeof goalSnapshotRunSchema>;

/** The filters of `GET /goals`. @public */
export type ListGoalsRequest = Partial<z.output<typeof listGoalsQuerySchema>>;

/** One day of a goal's exported history. @public */
export type GoalHistoryRow = z.output<typeof goalHistoryRowSchema>;

/** Every snapshot of one goal, as `GET /goals/{id}/history` exports it. @public */
export type GoalHistory = z.output<typeof goalHistorySchema>;

/** The days of a goal's history to export; both inclusive, both optional. @public */
export type GoalHistoryRequest = Omit<
  Partial<z.output<typeof goalHistoryQuerySchema>>,
  'format'
>;

/** The formats a goal's history exports to. @public */
export type GoalHistoryFormat = z.output<
  typeof goalHistoryQuerySchema
>['format'];
