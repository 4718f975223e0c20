// Filled in by the monitoring work.
export {};
