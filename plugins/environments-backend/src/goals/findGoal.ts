import { NotFoundError } from '@backstage/errors';
import { GoalDefinition } from '../config/goalsConfig';
import { GoalsContext } from './GoalsContext';

/** The configured goal of this id; a 404 naming the goals there are otherwise. */
export function findGoal(ctx: GoalsContext, id: string): GoalDefinition {
  const goal = ctx.goals.find(g => g.id === id);
  if (!goal) {
    throw new NotFoundError(
      `There is no goal "${id}"; the goals are ${
        ctx.goals.map(g => g.id).join(', ') || 'not configured'
      }`,
    );
  }
  return goal;
}
