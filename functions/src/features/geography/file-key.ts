/** Where an import job's uploaded file lives in the FileStore (a module of its own, so the routes need not load the import runner). */
export const importFileKey = (id: string) => `imports/${id}`;
/** Where a boundaries import's ward → district lookup CSV lives (uploaded beside the boundary file). */
export const importLookupKey = (id: string) => `imports/${id}-lookup`;
