export { FindingsList } from './FindingsList';
export { SeverityIcon } from './SeverityIcon';
export { OpenAndResolvedFindings } from './OpenAndResolvedFindings';
