export { TierChip } from './TierChip';
export { TierAndClass } from './TierAndClass';
