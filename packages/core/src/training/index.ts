// Filled in by the training work.
export {};
