// Filled in by the records/API work.
export {};
