import Chip from '@material-ui/core/Chip';
import { Tier } from '@paved/plugin-environments-common';

/** The tier as a chip; production stands out, since it is the one to be careful with. */
export const TierChip = (props: { tier: Tier }) => (
  <Chip
    size="small"
    label={props.tier}
    color={props.tier === 'production' ? 'primary' : 'default'}
    variant={props.tier === 'production' ? 'default' : 'outlined'}
  />
);
