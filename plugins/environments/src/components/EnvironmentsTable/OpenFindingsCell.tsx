import { Environment } from '@paved/plugin-environments-common';
import { describeOpenCount } from '../../lib/findings';
import { FindingsButton } from '../FindingsButton';

/** The open findings count of a row, which opens the findings dialog. */
export const OpenFindingsCell = (props: { environment: Environment }) => {
  const { environment } = props;
  const count = environment.openFindings ?? 0;

  if (count === 0) {
    return <>none</>;
  }
  return (
    <FindingsButton
      environment={environment}
      summary={describeOpenCount(count)}
      color="primary"
    >
      {count} open
    </FindingsButton>
  );
};
