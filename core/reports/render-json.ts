/**
 * The report as JSON: the ReportInput itself, which carries its schemaVersion, so a stored
 * report can be re-rendered in any other format later without the knowledge base.
 */
import type { ReportInput } from './types.js';

export function renderJson(input: ReportInput): string {
  return `${JSON.stringify(input, null, 2)}\n`;
}
