import { ReactNode } from 'react';
import Card from '@material-ui/core/Card';
import CardActions from '@material-ui/core/CardActions';
import CardContent from '@material-ui/core/CardContent';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';

const useStyles = makeStyles(theme => ({
  card: { height: '100%', display: 'flex', flexDirection: 'column' },
  content: {
    flexGrow: 1,
    display: 'flex',
    flexDirection: 'column',
    gap: theme.spacing(1),
  },
  header: {
    display: 'flex',
    alignItems: 'center',
    gap: theme.spacing(1),
    flexWrap: 'wrap',
  },
  name: { overflowWrap: 'anywhere' },
}));

/**
 * The frame of one environment on the card: an article named by its heading (so
 * assistive technology and tests find it by the environment's name), the chips beside
 * the name, the body, and the actions at the bottom.
 */
export const EnvironmentArticle = (props: {
  headingId: string;
  name: string;
  chips: ReactNode;
  actions?: ReactNode;
  children: ReactNode;
}) => {
  const classes = useStyles();
  return (
    <Card
      variant="outlined"
      component="article"
      aria-labelledby={props.headingId}
      className={classes.card}
    >
      <CardContent className={classes.content}>
        <div className={classes.header}>
          <Typography
            variant="h6"
            component="h3"
            id={props.headingId}
            className={classes.name}
          >
            {props.name}
          </Typography>
          {props.chips}
        </div>
        {props.children}
      </CardContent>
      {props.actions && <CardActions>{props.actions}</CardActions>}
    </Card>
  );
};
