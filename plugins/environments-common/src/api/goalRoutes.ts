import { z } from 'zod';
import { errorResponses } from './errorResponses';
import { defineRoute } from './route';
import {
  goalDetailSchema,
  goalHistoryQuerySchema,
  goalHistorySchema,
  goalIdParamsSchema,
  goalListSchema,
  goalSnapshotRunSchema,
  listGoalsQuerySchema,
} from './schemas/goals';

/**
 * The shared goals of both teams, measured from what Paved stores: their values, their
 * history and what holds them back. Part of `environmentsApiRoutes`.
 */
export const goalRoutes = {
  listGoals: defineRoute({
    method: 'GET',
    path: '/goals',
    operationId: 'ListGoals',
    summary: 'The configured goals, with their values and history.',
    description:
      "Every goal of `environments.goals`, in config order, with its current value, target, due date, whether it is on track, and one snapshot a day over the last 90 days. Any signed-in caller may read goals; a goal's value counts every environment in its scope. Query parameters other than the ones below are refused with a 400.",
    query: listGoalsQuerySchema,
    responses: {
      200: { description: 'The goals.', schema: goalListSchema },
      ...errorResponses(400, 401),
    },
  }),
  getGoal: defineRoute({
    method: 'GET',
    path: '/goals/{id}',
    operationId: 'GetGoal',
    summary: 'One goal, with its breakdown and what holds it back.',
    description:
      'The goal as `GET /goals` gives it, its value per owner group and per class, and the environments that keep it from its target, each with its findings or operations. Only environments the caller may read are listed. An unknown goal is a 404.',
    params: goalIdParamsSchema,
    responses: {
      200: { description: 'The goal.', schema: goalDetailSchema },
      ...errorResponses(401, 404),
    },
  }),
  getGoalHistory: defineRoute({
    method: 'GET',
    path: '/goals/{id}/history',
    operationId: 'GetGoalHistory',
    summary: 'Every snapshot of one goal, as JSON or CSV, for a report.',
    description:
      'One row per day the goal was snapshotted, oldest first: its value, target, status, whether it was on track and every statistic of its metric. Days of the example history are marked `example`. `format=csv` answers `text/csv` with a header row; both formats come as an attachment named after the goal (`<id>-history.csv`). Any signed-in caller may read it, as `GET /goals`. An unknown goal is a 404; a `from` or `to` that is not a day, or a `to` before `from`, a 400 naming it.',
    params: goalIdParamsSchema,
    query: goalHistoryQuerySchema,
    responses: {
      200: {
        description: 'The history.',
        schema: goalHistorySchema,
        otherContent: {
          'text/csv': z.string().meta({
            description:
              'A header row (`day,value,target,direction,status,onTrack,example`, then one column per statistic of the metric), then one line per day; CRLF line ends, an empty field for no value.',
          }),
        },
        headers: {
          'Content-Disposition': z.string().meta({
            description:
              'e.g. `attachment; filename="golden-paths-history.csv"`',
          }),
        },
      },
      ...errorResponses(400, 401, 404),
    },
  }),
  snapshotGoals: defineRoute({
    method: 'POST',
    path: '/goals/snapshots',
    operationId: 'SnapshotGoals',
    summary: "Record today's snapshot of every goal now.",
    description:
      "What the daily job does, on demand: one snapshot per goal for today (UTC), replacing the one taken earlier today. A goal that reaches its target tells its owner group once. Needs the `environments.goal.snapshot` permission (the portal's policy grants it to the platform group).",
    responses: {
      200: {
        description: "Today's snapshots.",
        schema: goalSnapshotRunSchema,
      },
      ...errorResponses(401, 403),
    },
  }),
};
