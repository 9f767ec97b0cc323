import { ReactNode, useState } from 'react';
import Button, { ButtonProps } from '@material-ui/core/Button';
import { Environment } from '@paved/plugin-environments-common';
import { FindingsDialog } from '../FindingsDialog';

/**
 * A button that opens the environment's findings dialog. The findings load only once it
 * opens: a page of hundreds of environments must not load them all.
 */
export const FindingsButton = (
  props: {
    environment: Environment;
    /** What the button says about the findings, for its accessible name. */
    summary: string;
    children: ReactNode;
  } & Pick<ButtonProps, 'className' | 'color' | 'startIcon'>,
) => {
  const { environment, summary, children, ...buttonProps } = props;
  const [dialogOpen, setDialogOpen] = useState(false);

  return (
    <>
      <Button
        size="small"
        {...buttonProps}
        onClick={() => setDialogOpen(true)}
        aria-label={`Baseline findings of ${environment.name}: ${summary}`}
        aria-haspopup="dialog"
      >
        {children}
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
