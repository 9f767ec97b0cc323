import Typography from '@material-ui/core/Typography';
import { Link } from '@backstage/core-components';
import { Environment } from '@paved/plugin-environments-common';
import { useEnvironmentLinks } from '../../hooks/useEnvironmentLinks';
import { guidelinePages } from '../../lib/guidelines';

/**
 * Why an environment is as it is, in words: the error when it failed, the reason
 * otherwise. Why it is degraded is left out with `omitFindingsReason` when the baseline
 * line beside it already says which findings are open (the only thing that degrades an
 * environment).
 */
export function statusReason(
  environment: Environment,
  options: { omitFindingsReason?: boolean } = {},
): string | undefined {
  if (environment.status === 'failed') {
    return environment.statusReason ?? environment.activeOperation?.error;
  }
  if (
    options.omitFindingsReason &&
    environment.status === 'degraded' &&
    (environment.openFindings ?? 0) > 0
  ) {
    return undefined;
  }
  return environment.statusReason;
}

/** The reason, with a link to the guideline that explains the status or the retries. */
export const StatusReason = (props: {
  environment: Environment;
  reason: string;
}) => {
  const { environment, reason } = props;
  const links = useEnvironmentLinks();
  const retrying = reason.startsWith('Retrying:');
  return (
    <Typography
      variant="body2"
      // The error in the body color: red text is hard to read on a dark theme, and the
      // status beside it already says it failed.
      color={environment.status === 'failed' ? 'textPrimary' : 'textSecondary'}
      style={{ overflowWrap: 'anywhere' }}
    >
      {reason}{' '}
      <Link
        to={links.guideline(
          retrying
            ? guidelinePages.retries
            : guidelinePages.status(environment.status),
        )}
      >
        What this means
      </Link>
    </Typography>
  );
};
