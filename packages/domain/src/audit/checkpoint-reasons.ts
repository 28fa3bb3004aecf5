/** Why a checkpoint was written: the timer, a number of new rows, a process stopping, an administrator. */
export const CHECKPOINT_REASONS = ['interval', 'rows', 'shutdown', 'manual'] as const;
export type CheckpointReason = (typeof CHECKPOINT_REASONS)[number];
