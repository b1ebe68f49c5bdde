/** Everything of Azure the renderer may use: its schemas, domain rules and helpers (all pure). */
export * from './session';
export * from './discovery';
export * from './setup';
export * from './methods';
export * from './references';
