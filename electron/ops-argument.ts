/** The command-line switch that hands the API's operation names to the preload. */
export const OPS_ARGUMENT = '--odyssey-operations=';
