import Typography from '@material-ui/core/Typography';
import { Tier } from '@paved/plugin-environments-common';
import { TierChip } from './TierChip';

/**
 * An environment's tier, with its class beneath only when the class is not named after
 * the tier (as it is in most setups), for the tables' "Tier and class" column.
 */
export function TierAndClass(props: {
  tier: Tier;
  environmentClass: string;
}) {
  const { tier, environmentClass } = props;
  return (
    <>
      <TierChip tier={tier} />
      {environmentClass !== tier && (
        <Typography variant="body2" component="div">
          {environmentClass}
        </Typography>
      )}
    </>
  );
}
