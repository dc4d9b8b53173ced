/** The report formats `--output` takes (one writer each in engine/report/). */
export const OUTPUT_FORMATS = ['table', 'json', 'jsonl', 'csv', 'sarif', 'junit', 'ocsf', 'markdown', 'html'] as const;
