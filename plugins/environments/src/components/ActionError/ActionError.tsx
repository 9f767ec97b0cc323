import Alert from '@material-ui/lab/Alert';
import {
  describeActionError,
  EnvironmentAction,
} from '../../lib/describeActionError';

/** A failed action, in words that say what to do about it (a 403 names the permission). */
export const ActionError = (props: {
  error?: Error;
  action: EnvironmentAction;
  subject: string;
}) =>
  props.error ? (
    <Alert severity="error">
      {describeActionError(props.error, props.action, props.subject)}
    </Alert>
  ) : null;
