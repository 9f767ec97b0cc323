/** What a request or an exception needs to say where its decision stands. */
export interface Decidable {
  state: string;
  approvers: string;
  decidedBy?: string;
  comment?: string;
}

/** `pending · group:default/platform decides`, `rejected by user:default/priya: use staging`. */
export function describeDecision(item: Decidable): string {
  if (item.state === 'pending') return `pending · ${item.approvers} decides`;
  return `${item.state}${item.decidedBy ? ` by ${item.decidedBy}` : ''}${
    item.comment ? `: ${item.comment}` : ''
  }`;
}
