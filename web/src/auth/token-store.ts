// The read token, kept per browser in localStorage until sign-out or refusal.
const key = 'lifestream.token';

export const storedToken = (): string | null => localStorage.getItem(key);
export const storeToken = (token: string) => localStorage.setItem(key, token);
export const forgetToken = () => localStorage.removeItem(key);
