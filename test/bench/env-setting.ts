/** A numeric benchmark setting from the environment, checked: a bad value stops the run with the variable's name. */
export function envSetting(name: string, fallback: number, min: number, max: number, integer = true): number {
  const raw = process.env[name];
  const value = raw === undefined || raw === '' ? fallback : Number(raw);
  if (!Number.isFinite(value) || value < min || value > max || (integer && !Number.isInteger(value))) {
    throw new Error(`${name}=${raw} is not ${integer ? 'an integer' : 'a number'} from ${min} to ${max}`);
  }
  return value;
}
