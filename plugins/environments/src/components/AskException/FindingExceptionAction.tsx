import { useState } from 'react';
import Button from '@material-ui/core/Button';
import Typography from '@material-ui/core/Typography';
import { BaselineException, Finding } from '@paved/plugin-environments-common';
import { exceptionOf, mayAskException } from '../../lib/exceptions';
import { AskExceptionDialog } from './AskExceptionDialog';

/**
 * Under an open finding: the exception asked for it that waits for a decision, or, for
 * a `high` finding nobody asked for yet and a user who may update the environment, the
 * button to ask.
 */
export const FindingExceptionAction = (props: {
  finding: Finding;
  /** The environment's pending exceptions, loaded once for all its findings. */
  pending: BaselineException[];
  canAsk: boolean;
  onAsked: (exception: BaselineException) => void;
}) => {
  const { finding, pending, canAsk, onAsked } = props;
  const [open, setOpen] = useState(false);
  const waiting = exceptionOf(finding, pending);

  if (waiting) {
    return (
      <Typography variant="body2" color="textSecondary">
        Exception requested, waiting for {waiting.approvers}
      </Typography>
    );
  }
  if (!canAsk || !mayAskException(finding)) {
    return null;
  }
  const about = finding.resourceName ? ` on ${finding.resourceName}` : '';
  return (
    <>
      <div>
        <Button
          size="small"
          variant="outlined"
          aria-haspopup="dialog"
          aria-label={`Ask for an exception to ${finding.rule}${about}`}
          onClick={() => setOpen(true)}
        >
          Ask for an exception
        </Button>
      </div>
      {open && (
        <AskExceptionDialog
          finding={finding}
          onClose={() => setOpen(false)}
          onAsked={exception => {
            setOpen(false);
            onAsked(exception);
          }}
        />
      )}
    </>
  );
};
