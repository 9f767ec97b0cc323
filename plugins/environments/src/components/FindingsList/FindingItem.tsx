import { ReactNode } from 'react';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import VerifiedUserIcon from '@material-ui/icons/VerifiedUser';
import { Link } from '@backstage/core-components';
import { Finding } from '@paved/plugin-environments-common';
import { useEnvironmentLinks } from '../../hooks/useEnvironmentLinks';
import { useNow } from '../../hooks/useNow';
import { formatDate, formatDateTime, formatTimeAgo } from '../../lib/format';
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
  // Accepted is a decision, not a problem: the info colour, never the error one.
  accepted: {
    display: 'flex',
    alignItems: 'flex-start',
    gap: theme.spacing(1),
    padding: theme.spacing(0.5, 1),
    borderLeft: `3px solid ${theme.palette.info.main}`,
    '& svg': { color: theme.palette.info.main },
  },
}));

/**
 * One finding: its severity and rule, what it is about and where, what the rule wants against
 * what was seen, when, and the guideline section that explains the rule; who accepted
 * it and until when, when an approved exception does; and the caller's `action`.
 */
export const FindingItem = (props: {
  finding: Finding;
  showEnvironment?: boolean;
  action?: ReactNode;
}) => {
  const { finding, showEnvironment, action } = props;
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
      {finding.exception && (
        <div className={classes.accepted}>
          <VerifiedUserIcon fontSize="small" aria-hidden />
          <Typography variant="body2">
            Accepted by {finding.exception.acceptedBy} until{' '}
            {formatDate(finding.exception.until)}:{' '}
            {finding.exception.justification}
          </Typography>
        </div>
      )}
      <Typography variant="body2" component="dl" className={classes.values}>
        {/* A resource's field or, for a namespace's manifests, the file that differs. */}
        {finding.field && (
          <>
            <dt>Where</dt>
            <dd>{finding.field}</dd>
          </>
        )}
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
      {action}
    </li>
  );
};
