import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import { Link } from '@backstage/core-components';
import { Finding } from '@paved/plugin-environments-common';
import { useEnvironmentLinks } from '../../hooks/useEnvironmentLinks';
import { useNow } from '../../hooks/useNow';
import { formatDateTime, formatTimeAgo } from '../../lib/format';
import { SeverityIcon } from './SeverityIcon';

const SEVERITY_LABELS: Record<Finding['severity'], string> = {
  blocking: 'Blocking',
  high: 'High',
  low: 'Low',
};

const useStyles = makeStyles(theme => ({
  item: {
    display: 'flex',
    flexDirection: 'column',
    gap: theme.spacing(0.5),
    padding: theme.spacing(1, 0),
    '& + &': { borderTop: `1px solid ${theme.palette.divider}` },
  },
  heading: {
    display: 'flex',
    alignItems: 'center',
    flexWrap: 'wrap',
    gap: theme.spacing(1),
  },
  rule: { fontFamily: 'monospace', overflowWrap: 'anywhere' },
  values: {
    display: 'grid',
    gridTemplateColumns: 'max-content 1fr',
    columnGap: theme.spacing(2),
    margin: 0,
    '& dt': { color: theme.palette.text.secondary },
    '& dd': { margin: 0, fontFamily: 'monospace', overflowWrap: 'anywhere' },
  },
}));

/**
 * One finding: its severity and rule, what it is about, what the rule wants against
 * what was seen, when, and the guideline section that explains the rule.
 */
export const FindingItem = (props: {
  finding: Finding;
  showEnvironment?: boolean;
}) => {
  const { finding, showEnvironment } = props;
  const classes = useStyles();
  const links = useEnvironmentLinks();
  const now = useNow();
  const subject = [
    showEnvironment ? finding.environmentName : undefined,
    finding.resourceName,
  ]
    .filter(Boolean)
    .join(' / ');

  return (
    <li className={classes.item}>
      <div className={classes.heading}>
        <SeverityIcon severity={finding.severity} />
        <Typography variant="body2" component="span">
          <strong>{SEVERITY_LABELS[finding.severity]}</strong>
        </Typography>
        <Typography variant="body2" component="span" className={classes.rule}>
          {finding.rule}
        </Typography>
        {subject && (
          <Typography variant="body2" component="span" color="textSecondary">
            on {subject}
          </Typography>
        )}
      </div>
      <Typography variant="body2">{finding.message}</Typography>
      <Typography variant="body2" component="dl" className={classes.values}>
        <dt>Expected</dt>
        <dd>{finding.expected}</dd>
        <dt>Observed</dt>
        <dd>{finding.observed}</dd>
      </Typography>
      <Typography variant="body2" color="textSecondary">
        <span title={formatDateTime(finding.detectedAt)}>
          Detected {formatTimeAgo(finding.detectedAt, now)}
        </span>
        {finding.resolvedAt && (
          <>
            {', '}
            <span title={formatDateTime(finding.resolvedAt)}>
              resolved {formatTimeAgo(finding.resolvedAt, now)}
            </span>
          </>
        )}
        {' · '}
        <Link to={links.backendGuideline(finding.link)}>
          About the rule {finding.rule}
        </Link>
      </Typography>
    </li>
  );
};
