import { hash, verify } from '@node-rs/argon2';

/** OWASP's argon2id floor: 19 MiB, 2 passes, 1 lane. `2` is Algorithm.Argon2id (a const enum we cannot import). */
const OPTIONS = { algorithm: 2, memoryCost: 19456, timeCost: 2, parallelism: 1 } as const;

export const hashPassword = (password: string) => hash(password, OPTIONS);

let dummyHash: Promise<string> | undefined;

/** Verifies against a throwaway hash when the user does not exist, so timing does not reveal emails. */
export async function verifyPassword(passwordHash: string | undefined, password: string) {
  const target = passwordHash ?? (await (dummyHash ??= hashPassword('not-a-real-password')));
  try {
    const ok = await verify(target, password);
    return ok && passwordHash !== undefined;
  } catch {
    return false;
  }
}
