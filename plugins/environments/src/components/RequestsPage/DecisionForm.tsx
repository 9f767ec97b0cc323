import { useState } from 'react';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import TextField from '@material-ui/core/TextField';
import Typography from '@material-ui/core/Typography';
import { RequestDecision } from '@paved/plugin-environments-common';

/**
 * Approve, or reject with a comment the requester reads as the reason: a request's or
 * an exception's, whichever `decide` sends. The server says why a decision is refused
 * (already decided, not an approver); that is shown as is.
 */
export const DecisionForm = (props: {
  /** What is decided, for the comment's accessible name: "Comment on <subject>". */
  subject: string;
  decide(decision: RequestDecision): Promise<unknown>;
  onDecided(): void;
}) => {
  const [comment, setComment] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();

  const decide = async (decision: 'approve' | 'reject') => {
    setBusy(true);
    setError(undefined);
    try {
      await props.decide({ decision, comment: comment.trim() || undefined });
      props.onDecided();
    } catch (e) {
      setError((e as Error).message);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Box
      display="flex"
      flexDirection="column"
      style={{ gap: 8 }}
      minWidth={260}
    >
      <TextField
        label="Comment"
        size="small"
        variant="outlined"
        multiline
        value={comment}
        onChange={e => setComment(e.target.value)}
        helperText="Required to reject: the requester reads it"
        inputProps={{ 'aria-label': `Comment on ${props.subject}` }}
      />
      <Box display="flex" style={{ gap: 8 }}>
        <Button
          variant="contained"
          color="primary"
          disabled={busy}
          onClick={() => decide('approve')}
        >
          Approve
        </Button>
        <Button
          variant="outlined"
          disabled={busy || !comment.trim()}
          onClick={() => decide('reject')}
        >
          Reject
        </Button>
      </Box>
      {error && (
        <Typography variant="body2" color="error" role="alert">
          {error}
        </Typography>
      )}
    </Box>
  );
};
