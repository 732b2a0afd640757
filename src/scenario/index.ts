export * from './schema.ts';
export * from './errors.ts';
export * from './validate.ts';
export * from './toConfig.ts';
export * from './presets.ts';
