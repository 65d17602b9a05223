import { pathToFileURL } from 'node:url';
import vm from 'node:vm';

/**
 * oidc-provider 9 ships ES modules only, while this repo compiles to CommonJS. Node >= 20.19 can require() an ES
 * module, which is tried first; where a module loader hook is in the way (jest's global setup), Node's own loader
 * is reached through the main context instead.
 */
export async function importEsm<T>(specifier: string): Promise<T> {
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    return require(specifier) as T;
  } catch {
    const importFromMainContext = vm.runInThisContext('(specifier) => import(specifier)', {
      importModuleDynamically: vm.constants.USE_MAIN_CONTEXT_DEFAULT_LOADER,
    }) as (specifier: string) => Promise<T>;
    return importFromMainContext(pathToFileURL(require.resolve(specifier)).href);
  }
}
