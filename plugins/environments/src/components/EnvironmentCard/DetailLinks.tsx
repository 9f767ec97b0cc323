import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import { Link } from '@backstage/core-components';
import { EntityRefLink } from '@backstage/plugin-catalog-react';
import {
  Environment,
  environmentEntityRef,
} from '@paved/plugin-environments-common';
import { useEnvironmentLinks } from '../../hooks/useEnvironmentLinks';
import { guidelinePages } from '../../lib/guidelines';

const useStyles = makeStyles(theme => ({
  line: {
    display: 'flex',
    flexWrap: 'wrap',
    columnGap: theme.spacing(2),
    rowGap: theme.spacing(0.5),
  },
}));

/**
 * Where to read more: its catalog page (findings and operations history), the rules of
 * its tier, how the cost on its line is estimated, and the scaffolder task that created
 * it when a template did.
 */
export const DetailLinks = (props: { environment: Environment }) => {
  const { environment } = props;
  const classes = useStyles();
  const links = useEnvironmentLinks();

  return (
    <Typography variant="body2" component="div" className={classes.line}>
      <EntityRefLink
        entityRef={environmentEntityRef(environment)}
        title="Details and history"
      />
      <Link to={links.guideline(guidelinePages.tier(environment.tier))}>
        Rules of the {environment.tier} tier
      </Link>
      <Link to={links.guideline(guidelinePages.cost)}>
        How the cost is estimated
      </Link>
      {environment.scaffolderTaskId && (
        <Link to={links.task(environment.scaffolderTaskId)}>
          Template run that created it
        </Link>
      )}
    </Typography>
  );
};
