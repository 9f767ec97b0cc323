import { useState } from 'react';
import Button from '@material-ui/core/Button';
import { Environment } from '@paved/plugin-environments-common';
import { describeOpenCount } from '../../lib/findings';
import { FindingsDialog } from '../FindingsDialog';

/**
 * The open findings count of a row, which opens the findings dialog. The findings
 * load when it opens: a table of hundreds of rows must not load them all.
 */
export const OpenFindingsCell = (props: { environment: Environment }) => {
  const { environment } = props;
  const [dialogOpen, setDialogOpen] = useState(false);
  const count = environment.openFindings ?? 0;

  if (count === 0) {
    return <>none</>;
  }
  return (
    <>
      <Button
        size="small"
        color="primary"
        onClick={() => setDialogOpen(true)}
        aria-label={`Baseline findings of ${
          environment.name
        }: ${describeOpenCount(count)}`}
        aria-haspopup="dialog"
      >
        {count} open
      </Button>
      {dialogOpen && (
        <FindingsDialog
          environment={environment}
          onClose={() => setDialogOpen(false)}
        />
      )}
    </>
  );
};
