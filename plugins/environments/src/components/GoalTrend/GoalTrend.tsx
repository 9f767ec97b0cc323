import { useTheme } from '@material-ui/core/styles';
import {
  CartesianGrid,
  Line,
  LineChart,
  ReferenceLine,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';
import { Goal } from '@paved/plugin-environments-common';
import { formatDate } from '../../lib/format';
import { formatGoalValue } from '../../lib/formatGoal';

const SIZES = {
  chart: { width: 520, height: 160 },
  large: { width: 860, height: 240 },
  sparkline: { width: 120, height: 32 },
};

/** The range the line and the target both fit in, with a little room around them. */
function domainOf(values: number[], target: number): [number, number] {
  const all = [...values, target];
  const min = Math.min(...all);
  const max = Math.max(...all);
  const pad = (max - min) * 0.1 || Math.abs(max) * 0.1 || 1;
  return [Math.max(0, min - pad), max + pad];
}

/** The days of example history a demonstration portal started with, made up. */
export const exampleDays = (goal: Goal) =>
  goal.history.filter(s => s.example).length;

/**
 * One point a day, measured and example values in separate series so the example days
 * draw dashed; the last example day is in both, so the line does not break there.
 */
function pointsOf(goal: Goal) {
  return goal.history.map((s, i) => {
    const next = goal.history[i + 1];
    const joins = s.example && next && !next.example;
    return {
      day: s.day,
      measured: s.example && !joins ? null : s.value,
      example: s.example ? s.value : null,
    };
  });
}

/** What the chart shows, for a reader who cannot see it. */
function describe(goal: Goal): string {
  const points = goal.history.filter(s => s.value !== null);
  const target = formatGoalValue(goal.target.value, goal);
  if (points.length === 0) return `No history yet for ${goal.title}`;
  const first = points[0];
  const last = points[points.length - 1];
  const examples = exampleDays(goal);
  return `${goal.title}, last ${goal.history.length} days: ${formatGoalValue(
    first.value,
    goal,
  )} on ${formatDate(first.day)}, ${formatGoalValue(
    last.value,
    goal,
  )} on ${formatDate(last.day)}; target ${target}${
    examples ? `; ${examples} days are example data, not measured` : ''
  }`;
}

/**
 * A goal's daily snapshots as a line, with its target as a dashed reference line and the
 * days of example history (made up, not measured) dotted and grey: a
 * chart on the Goals page, a sparkline on a team's card. A fixed size, so it draws
 * without measuring its container (and the same in a test as in the browser).
 */
export const GoalTrend = (props: {
  goal: Goal;
  variant?: keyof typeof SIZES;
}) => {
  const { goal, variant = 'chart' } = props;
  const theme = useTheme();
  const data = pointsOf(goal);
  const values = goal.history.flatMap(s => (s.value === null ? [] : [s.value]));
  const size = SIZES[variant];
  const sparkline = variant === 'sparkline';
  const format = (value: number) => formatGoalValue(value, goal);

  return (
    <div role="img" aria-label={describe(goal)}>
      <LineChart
        {...size}
        data={data}
        margin={
          sparkline
            ? { top: 4, right: 2, bottom: 4, left: 2 }
            : { top: 8, right: 16, bottom: 0, left: 8 }
        }
      >
        {!sparkline && (
          <CartesianGrid stroke={theme.palette.divider} vertical={false} />
        )}
        <XAxis
          dataKey="day"
          hide={sparkline}
          tickFormatter={(day: string) => formatDate(day).replace(/,.*/, '')}
          minTickGap={40}
          tick={{ fontSize: 11, fill: theme.palette.text.secondary }}
        />
        <YAxis
          hide={sparkline}
          domain={domainOf(values, goal.target.value)}
          tickFormatter={format}
          width={56}
          tick={{ fontSize: 11, fill: theme.palette.text.secondary }}
        />
        {!sparkline && (
          <Tooltip
            formatter={(value: number, name: string) => [
              format(value),
              name === 'Example' ? 'Example (not measured)' : 'Measured',
            ]}
            labelFormatter={(day: string) => formatDate(day)}
          />
        )}
        <ReferenceLine
          y={goal.target.value}
          stroke={theme.palette.text.secondary}
          strokeDasharray="4 3"
          label={
            sparkline
              ? undefined
              : {
                  value: `target ${format(goal.target.value)}`,
                  position: 'insideTopRight',
                  fontSize: 11,
                  fill: theme.palette.text.secondary,
                }
          }
        />
        <Line
          type="monotone"
          dataKey="example"
          name="Example"
          stroke={theme.palette.text.secondary}
          strokeDasharray="2 3"
          strokeWidth={1.5}
          dot={false}
          // Drawn at once: a page of charts animating reads as loading.
          isAnimationActive={false}
        />
        <Line
          type="monotone"
          dataKey="measured"
          name="Measured"
          stroke={theme.palette.primary.main}
          strokeWidth={2}
          dot={false}
          isAnimationActive={false}
        />
      </LineChart>
    </div>
  );
};
