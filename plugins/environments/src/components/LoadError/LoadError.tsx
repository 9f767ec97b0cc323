import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import { ErrorPanel } from '@backstage/core-components';

/**
 * A first load that failed (backend down, a 5xx): what could not be loaded, why, and
 * Try again, instead of an empty card.
 */
export const LoadError = (props: {
  title: string;
  error?: Error;
  onRetry: () => void;
}) => (
  <>
    <ErrorPanel
      title={props.title}
      error={props.error ?? new Error('Unknown error')}
    />
    <Box mt={2}>
      <Button variant="outlined" onClick={props.onRetry}>
        Try again
      </Button>
    </Box>
  </>
);
