/** The folders that make up the package; tests, bench and playground stay out. */
export const SOURCE_DIRS: string[];
/** Every .ts source of the package under `root` (index.ts and SOURCE_DIRS). */
export function packageSources(root: string): string[];
/** True when dist/.built is newer than every source file and folder under `root`. */
export function distIsFresh(root: string): boolean;
