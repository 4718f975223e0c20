/** The address of a saved analysis's own page. */
export const savedAnalysisPath = (id: string) => `/evaluation/saved/${encodeURIComponent(id)}`;
