// The city generator (`npm run generate`): for the CLI, the bench's load driver and tests.
export { GENERATOR_PARTS, generateCity, DatabaseNotEmptyError, type GenerateResult, type TableResult } from './generate-city.ts';
export { cityOfficerLogins } from './generate.repository.ts';
export { CITY_BENCH_PASSWORD, generateOptions, PRESETS, type GenerateOptions, type PresetName } from './options.ts';
export { type GeneratorContext, type GeneratorPart, outputKey } from './registry.ts';
export { CITY, type City } from './city-orgs.ts';
