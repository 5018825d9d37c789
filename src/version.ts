declare const __ALLIANCE_PAYMENTS_VERSION__: string | undefined;

/** The version of this engine, recorded in every settlement (set from package.json at build time). */
export const ENGINE_VERSION: string =
  typeof __ALLIANCE_PAYMENTS_VERSION__ === 'string' ? __ALLIANCE_PAYMENTS_VERSION__ : '0.0.0-source';
