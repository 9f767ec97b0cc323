import { useState } from 'react';
import DialogContentText from '@material-ui/core/DialogContentText';
import TextField from '@material-ui/core/TextField';
import { Link } from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import { BaselineException, Finding } from '@paved/plugin-environments-common';
import { environmentsApiRef } from '../../api';
import { useEnvironmentLinks } from '../../hooks/useEnvironmentLinks';
import { useNow } from '../../hooks/useNow';
import { endOfDay, isDate } from '../../lib/exceptions';
import { guidelinePages } from '../../lib/guidelines';
import { ActionDialog } from '../ActionDialog';

/**
 * Asks to accept a finding's rule until a date, with a justification the approvers
 * read. The longest an exception may last is the server's to say (it is in its config),
 * so a date beyond it comes back refused in the server's words and the dialog stays.
 */
export const AskExceptionDialog = (props: {
  finding: Finding;
  onClose: () => void;
  onAsked: (exception: BaselineException) => void;
}) => {
  const { finding, onClose, onAsked } = props;
  const api = useApi(environmentsApiRef);
  const links = useEnvironmentLinks();
  const today = new Date(useNow()).toISOString().slice(0, 10);
  const [justification, setJustification] = useState('');
  const [until, setUntil] = useState('');
  const subject = finding.resourceName
    ? `${finding.environmentName} / ${finding.resourceName}`
    : finding.environmentName;

  return (
    <ActionDialog
      action="exception"
      subject={finding.environmentName}
      title={`Ask for an exception to ${finding.rule}`}
      confirmLabel="Ask"
      confirmColor="primary"
      ready={justification.trim() !== '' && isDate(until)}
      onConfirm={async () => {
        const exception = await api.requestException(finding.environmentId, {
          rule: finding.rule,
          resourceId: finding.resourceId,
          justification: justification.trim(),
          until: endOfDay(until),
        });
        onAsked(exception);
      }}
      onClose={onClose}
    >
      <DialogContentText>
        Once approved, this finding on {subject} is accepted until the end of
        the day you give: it no longer degrades the environment, and it opens
        again when the exception ends.{' '}
        <Link to={links.guideline(guidelinePages.askException)}>
          About asking for an exception
        </Link>
      </DialogContentText>
      <TextField
        fullWidth
        required
        multiline
        minRows={3}
        margin="normal"
        id="exception-justification"
        label="Justification"
        value={justification}
        onChange={event => setJustification(event.target.value)}
        helperText="Why the rule cannot be met for now: the approvers read it"
      />
      <TextField
        required
        margin="normal"
        type="date"
        id="exception-until"
        label="Accepted until"
        value={until}
        onChange={event => setUntil(event.target.value)}
        InputLabelProps={{ shrink: true }}
        inputProps={{ min: today }}
        helperText="The last day, in UTC"
      />
    </ActionDialog>
  );
};
