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
  sparkline: { width: 160, height: 36 },
};

/** A round step for about four ticks over `range`: 1, 2 or 5 times a power of ten. */
function stepOf(range: number): number {
  const rough = range / 4;
  const power = 10 ** Math.floor(Math.log10(rough));
  const step = [1, 2, 5, 10].find(m => m * power >= rough) ?? 10;
  return step * power;
}

/**
 * The range the line and the target both fit in, on round ticks, never below zero (no
 * metric goes negative) and, for a share, never above 100%.
 */
function domainOf(
  values: number[],
  target: number,
  percent: boolean,
): [number, number] {
  const all = [...values, target];
  const min = Math.min(...all);
  const max = Math.max(...all);
  const step = stepOf(max - min || Math.abs(max) || 1);
  const low = Math.max(0, Math.floor(min / step) * step);
  const high = Math.ceil(max / step) * step;
  return [low, percent ? Math.min(100, high) : high];
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
 * A goal's daily snapshots as a line, with its target as an orange reference line and
 * the days of example history (made up, not measured) dashed and paler: a
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
          domain={domainOf(values, goal.target.value, goal.unit === 'percent')}
          allowDataOverflow
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
          stroke={theme.palette.warning.main}
          strokeWidth={1.5}
          label={
            sparkline
              ? undefined
              : {
                  value: `target ${format(goal.target.value)}`,
                  position: 'insideTopRight',
                  fontSize: 11,
                  fill: theme.palette.warning.dark,
                }
          }
        />
        <Line
          type="monotone"
          dataKey="example"
          name="Example"
          stroke={theme.palette.primary.main}
          strokeOpacity={0.55}
          strokeDasharray="6 4"
          strokeWidth={2}
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
