// The old path, until its importers move to the barrel (./index).
export * from './Baseline';
