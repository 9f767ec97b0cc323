export { FindingsList } from './FindingsList';
export { SeverityIcon } from './SeverityIcon';
