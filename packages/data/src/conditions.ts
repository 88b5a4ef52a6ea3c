/**
 * Whether a write failed only because its condition did not hold (a plain conditional put or
 * update, or any item of a cancelled transaction): the caller turns that into a domain conflict.
 */
export function isConditionalFailure(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  if (error.name === 'ConditionalCheckFailedException') return true;
  if (error.name !== 'TransactionCanceledException') return false;
  const reasons = (error as { CancellationReasons?: { Code?: string }[] }).CancellationReasons ?? [];
  return reasons.some((reason) => reason.Code === 'ConditionalCheckFailed');
}

/** Whether a transaction was cancelled because the condition of its item at any of `indexes` failed (in our transactions, "this id was already stored"). */
export function conditionFailedAt(error: unknown, ...indexes: number[]): boolean {
  if (!(error instanceof Error) || error.name !== 'TransactionCanceledException') return false;
  const reasons = (error as { CancellationReasons?: { Code?: string }[] }).CancellationReasons ?? [];
  return indexes.some((index) => reasons[index]?.Code === 'ConditionalCheckFailed');
}
