/** Where a run of "Set it up for me" stands, as its journal records it (shared by the main side and the contract). */
export const JOURNAL_STATES = ['applying', 'applied', 'failed', 'cancelled', 'undoing', 'undone', 'undo-failed'] as const;
export type JournalState = (typeof JOURNAL_STATES)[number];
