import path from 'node:path';

/** Whether `candidate` is `folder` or somewhere below it. */
export function isInside(candidate: string, folder: string): boolean {
  const relative = path.relative(path.resolve(folder), path.resolve(candidate));
  return relative === '' || (relative !== '..' && !relative.startsWith(`..${path.sep}`) && !path.isAbsolute(relative));
}

/**
 * The folder the person typed the command in. `npm run` starts scripts in the package folder and
 * passes the original one as INIT_CWD; paths on the command line are meant from there.
 */
export const invocationFolder = (): string => process.env.INIT_CWD ?? process.cwd();
